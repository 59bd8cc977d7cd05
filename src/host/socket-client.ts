import net from 'node:net';
import {SchedulerClient} from '../protocol/client.js';
import type {ResultOf} from '../protocol/messages.js';
import {callSchedulerBeacon} from './scheduler-beacon.js';
import {checkSocketFolder} from './socket-path.js';
import {socketTransport} from './socket-transport.js';

/** No scheduler answers for this database (none runs, or its socket is stale). */
export class NoSchedulerError extends Error {
	override name = 'NoSchedulerError';

	constructor(readonly socketPath: string) {
		super(`no scheduler is running for this root (nothing answers on ${socketPath}); start one with \`sage-console\` or \`sage-console --headless\``);
	}
}

/**
 * A scheduler accepts connections on the socket (the kernel does that for it) but does not say hello:
 * it is stopped (SIGSTOP, a debugger) or hung. Not NoSchedulerError: one runs, and a `run JOB` must not
 * run the job in the foreground beside it.
 */
export class SchedulerNotAnsweringError extends Error {
	override name = 'SchedulerNotAnsweringError';

	constructor(readonly socketPath: string, readonly waitedMs: number) {
		super(`the scheduler listening on ${socketPath} did not answer within ${waitedMs / 1000} s`);
	}
}

/** How long a scheduler that accepted the connection may take to say hello: a busy one answers in milliseconds. */
const helloWithinMs = 5000;

/**
 * Connects to the scheduler listening on `socketPath` and says hello. When nobody answers there, a
 * scheduler that still runs the root (its socket file deleted: `rm -rf data`) is called on its beacon
 * (scheduler-beacon.ts), makes its socket again, and is connected to.
 * @throws NoSchedulerError when no scheduler runs the root; SchedulerNotAnsweringError when one accepts
 * the connection but says no hello within `helloMs`; DatabaseError when the socket's fallback folder is another user's
 */
export async function connectToScheduler(socketPath: string, clientName: string, timeoutMs = 3000, helloMs = helloWithinMs): Promise<{client: SchedulerClient; server: ResultOf<'hello'>}> {
	checkSocketFolder(socketPath);
	let socket;
	try {
		socket = await connectSocket(socketPath, timeoutMs);
	} catch (error) {
		if (!(error instanceof NoSchedulerError) || await callSchedulerBeacon(socketPath) === undefined) {
			throw error;
		}

		socket = await connectSocket(socketPath, timeoutMs);
	}

	// Its pid in its name: the scheduler's log can say which process it dropped for not reading.
	const hello = SchedulerClient.connect(socketTransport(socket), `${clientName} (pid ${process.pid})`);
	let timer: NodeJS.Timeout | undefined;
	const silent = new Promise<never>((_resolve, reject) => {
		timer = setTimeout(() => {
			// Destroyed, not closed: a close would wait for the stopped scheduler's end of the connection.
			socket.destroy();
			reject(new SchedulerNotAnsweringError(socketPath, helloMs));
		}, helloMs);
	});
	try {
		return await Promise.race([hello, silent]);
	} finally {
		clearTimeout(timer);
		hello.catch(() => undefined);
	}
}

/** @throws NoSchedulerError when nobody listens on `socketPath` */
async function connectSocket(socketPath: string, timeoutMs: number): Promise<net.Socket> {
	return new Promise<net.Socket>((resolve, reject) => {
		const candidate = net.connect(socketPath);
		const timer = setTimeout(() => {
			candidate.destroy();
			reject(new NoSchedulerError(socketPath));
		}, timeoutMs);
		candidate.once('connect', () => {
			clearTimeout(timer);
			candidate.removeAllListeners('error');
			resolve(candidate);
		});
		candidate.once('error', error => {
			clearTimeout(timer);
			const code = (error as NodeJS.ErrnoException).code;
			reject(code === 'ENOENT' || code === 'ECONNREFUSED' ? new NoSchedulerError(socketPath) : error);
		});
	});
}
