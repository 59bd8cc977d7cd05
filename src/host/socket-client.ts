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
 * Connects to the scheduler listening on `socketPath` and says hello. When nobody answers there, a
 * scheduler that still runs the root (its socket file deleted: `rm -rf data`) is called on its beacon
 * (scheduler-beacon.ts), makes its socket again, and is connected to.
 * @throws NoSchedulerError when no scheduler runs the root; DatabaseError when the socket's fallback folder is another user's
 */
export async function connectToScheduler(socketPath: string, clientName: string, timeoutMs = 3000): Promise<{client: SchedulerClient; server: ResultOf<'hello'>}> {
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
	return SchedulerClient.connect(socketTransport(socket), `${clientName} (pid ${process.pid})`);
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
