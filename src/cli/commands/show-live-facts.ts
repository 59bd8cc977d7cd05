import net from 'node:net';
import type {RunRecord} from '../../core/run-record.js';
import type {AppPaths} from '../../host/paths.js';
import {checkSocketFolder} from '../../host/socket-path.js';
import {socketTransport} from '../../host/socket-transport.js';
import {SchedulerClient} from '../../protocol/client.js';

/**
 * What only the live scheduler knows of a run, which history does not keep: why a queued run waits
 * (`get-run`'s `waitingFor`), and a failed run's next attempt (its `nextAttempt`: due `at`
 * while it waits for its backoff).
 */
export type LiveRunFacts = {
	waitingFor?: string;
	nextAttempt?: {attempt: number; at?: number};
	/** Why a scheduler that is there was not heard (stopped, hung, its socket not this user's): the run is shown from history alone. */
	unheard?: string;
	/** No scheduler runs (no socket, or a stale one): what history keeps for the next start is all there is. */
	noScheduler?: true;
};

/**
 * How long `show` waits for the scheduler: it is a history command, and one whose scheduler is stopped
 * (a console suspended with Ctrl-Z, a SIGSTOP) accepts the connection and never answers.
 */
const answerWithinMs = 2000;

/** A run of these statuses may have a next attempt to come (retry-policy.ts; a worker's run handed over). */
const mayRetry = new Set(['failed', 'timeout', 'interrupted']);

/**
 * The live scheduler's facts of `run`; none when no scheduler runs, or the run is of a status with none.
 * Of a running run only whether a scheduler runs (`noScheduler`): nothing more is asked.
 */
export async function liveRunFacts(paths: AppPaths, run: RunRecord): Promise<LiveRunFacts> {
	const probeOnly = run.status === 'running';
	if (!probeOnly && run.status !== 'queued' && !mayRetry.has(run.status)) {
		return {};
	}

	let socket: net.Socket;
	try {
		checkSocketFolder(paths.socketFile);
		// Its own connection, not liveScheduler's: one that does not answer in time is destroyed, so the
		// command ends (a connection only closed would wait for the stopped scheduler's end of it).
		socket = net.connect(paths.socketFile);
	} catch (error) {
		return {unheard: `the scheduler could not be asked (${(error as Error).message})`};
	}

	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<LiveRunFacts>(resolve => {
		timer = setTimeout(() => resolve({unheard: `the scheduler did not answer within ${answerWithinMs / 1000} s (stopped or hung?)`}), answerWithinMs);
	});
	const asked = connected(socket)
		.then(async (answering): Promise<LiveRunFacts> => (answering ? (probeOnly ? {} : ask(socket, run)) : {noScheduler: true}))
		.catch((error: unknown): LiveRunFacts => ({unheard: `the scheduler could not be asked (${(error as Error).message})`}));
	try {
		return await Promise.race([asked, late]);
	} finally {
		clearTimeout(timer);
		socket.destroy();
	}
}

/** Whether `socket` connected; false when no scheduler listens there (none runs, or its socket is stale). */
async function connected(socket: net.Socket): Promise<boolean> {
	return new Promise((resolve, reject) => {
		socket.once('connect', () => {
			socket.removeAllListeners('error');
			resolve(true);
		});
		socket.once('error', error => {
			const code = (error as NodeJS.ErrnoException).code;
			if (code === 'ENOENT' || code === 'ECONNREFUSED') {
				resolve(false);
			} else {
				reject(error);
			}
		});
	});
}

async function ask(socket: net.Socket, run: RunRecord): Promise<LiveRunFacts> {
	const {client} = await SchedulerClient.connect(socketTransport(socket), `cli show (pid ${process.pid})`);
	try {
		const {waitingFor, nextAttempt} = await client.request('get-run', {runId: run.id});
		return {...(waitingFor === undefined ? {} : {waitingFor}), ...(nextAttempt === undefined ? {} : {nextAttempt})};
	} finally {
		client.close();
	}
}
