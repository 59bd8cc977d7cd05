import {MessageChannel} from 'node:worker_threads';
import type {AppPaths} from '../host/paths.js';
import {portTransport} from '../host/port-transport.js';
import type {SchedulerHost} from '../host/scheduler-host.js';
import {connectToScheduler} from '../host/socket-client.js';
import {SchedulerClient} from '../protocol/client.js';
import {sameScheduler, type SchedulerIdentity} from '../protocol/scheduler-identity.js';

/** How long a command whose connection closed without a word waits for the scheduler to answer again. */
const stillAnswersTimeoutMs = 2000;

/**
 * A client of the live scheduler of this root, for a CLI command. Should its connection close without
 * the scheduler saying why, a fresh hello tells whether the same scheduler (its pid and start) still answers: it
 * cut the command off for not reading (a `logs --follow` stopped past the grace), and the command says
 * it was dropped rather than that the scheduler went away.
 * @throws NoSchedulerError when none runs
 */
export async function liveScheduler(paths: AppPaths, command: string): Promise<SchedulerClient> {
	const {client, server} = await connectToScheduler(paths.socketFile, `cli ${command}`);
	client.explainSilentCloseWith(async () => sameSchedulerAnswers(paths, command, server));
	return client;
}

/**
 * Whether the scheduler answering on the root's socket within stillAnswersTimeoutMs is `scheduler`,
 * not one started since in the same process (a console's scheduler thread after a crash).
 */
async function sameSchedulerAnswers(paths: AppPaths, command: string, scheduler: SchedulerIdentity): Promise<boolean> {
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<false>(resolve => {
		timer = setTimeout(() => resolve(false), stillAnswersTimeoutMs);
	});
	const hello = connectToScheduler(paths.socketFile, `cli ${command}`, stillAnswersTimeoutMs).then(({client, server}) => {
		client.close();
		return sameScheduler(server, scheduler);
	});
	try {
		return await Promise.race([hello, late]);
	} finally {
		clearTimeout(timer);
		// A hello that answers after the wait closes its connection all the same.
		hello.catch(() => undefined);
	}
}

/** A client of a host in this very process (a one-off foreground run), over an in-thread channel. */
export async function clientOf(host: SchedulerHost, name: string): Promise<SchedulerClient> {
	const channel = new MessageChannel();
	host.serve(portTransport(channel.port2));
	const {client} = await SchedulerClient.connect(portTransport(channel.port1), name);
	return client;
}
