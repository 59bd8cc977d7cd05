import {MessageChannel} from 'node:worker_threads';
import type {AppPaths} from '../host/paths.js';
import {portTransport} from '../host/port-transport.js';
import type {SchedulerHost} from '../host/scheduler-host.js';
import {connectToScheduler} from '../host/socket-client.js';
import {SchedulerClient} from '../protocol/client.js';

/**
 * A client of the live scheduler of this root, for a CLI command.
 * @throws NoSchedulerError when none runs
 */
export async function liveScheduler(paths: AppPaths, command: string): Promise<SchedulerClient> {
	const {client} = await connectToScheduler(paths.socketFile, `cli ${command}`);
	return client;
}

/** A client of a host in this very process (a one-off foreground run), over an in-thread channel. */
export async function clientOf(host: SchedulerHost, name: string): Promise<SchedulerClient> {
	const channel = new MessageChannel();
	host.serve(portTransport(channel.port2));
	const {client} = await SchedulerClient.connect(portTransport(channel.port1), name);
	return client;
}
