/**
 * A running scheduler's presence that no file operation takes away: a Linux abstract unix socket (it
 * has no file, and goes only with its process), named after the root. `git clean -xfd`
 * or `rm -rf data` while a scheduler runs removes its lock and its socket at once; until its root
 * guard notices (within seconds) a second scheduler started then would find neither, open a new empty
 * database and fire the same jobs beside the first, and `status` would say no scheduler runs.
 *
 * So a start calls the beacon before it opens anything, and a client that finds no socket calls it
 * before it gives up: the scheduler behind it answers its pid at once and mends its files (the root
 * guard's check) before it hangs up; the start is then refused as at any second start, and the client
 * connects to the socket made again. Abstract sockets have no permissions: a caller of another user
 * only learns the pid (public in /proc) and has the files checked.
 */
import {createHash} from 'node:crypto';
import {statSync} from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/**
 * The abstract name (a leading NUL: no file) of the scheduler of the root whose socket is `socketPath`.
 * Abstract names are shared by everything on the network namespace (containers with the host's
 * network too), so the socket's path alone does not name one root: the device of the folder above the
 * socket's (the root, which `rm -rf data` leaves) goes with it. Two containers with a root at the same
 * path are two roots. (Not its inode: a root deleted and made again at its path is the same root, and a
 * freed inode is soon another folder's.)
 */
export function beaconName(socketPath: string): string {
	const socket = path.resolve(socketPath);
	let where = socket;
	try {
		where = `${statSync(path.dirname(path.dirname(socket))).dev}:${socket}`;
	} catch {
		// No folder above (the socket at /): its path names it.
	}

	return `\0sage-console-scheduler-${createHash('sha256').update(where).digest('hex').slice(0, 32)}`;
}

/** Abstract unix sockets are Linux's; elsewhere there is no beacon, and the files alone guard the root. */
const hasAbstractSockets = process.platform === 'linux';

/** How long a caller answered has to hang up before its connection is cut off. */
const hangUpGraceMs = 1000;

/** The beacon a running scheduler holds. */
export class SchedulerBeacon {
	private constructor(private readonly server: net.Server) {}

	/**
	 * Holds the beacon of the root whose socket is `socketPath`; `whenCalled` runs at each call, before
	 * the caller is let go (the root guard's check).
	 * @returns undefined where there are no abstract sockets, or 'held-elsewhere' when another process holds it
	 */
	static async hold(socketPath: string, whenCalled: () => Promise<void>): Promise<SchedulerBeacon | 'held-elsewhere' | undefined> {
		if (!hasAbstractSockets) {
			return undefined;
		}

		const server = net.createServer(socket => {
			socket.on('error', () => undefined);
			// The pid first: a caller that waits no longer for the check still knows who runs here.
			socket.write(`${process.pid}\n`);
			void whenCalled().catch(() => undefined).finally(() => {
				socket.end();
				// Anyone on the network namespace may call (no permissions): one that never hangs up is cut off.
				setTimeout(() => socket.destroy(), hangUpGraceMs).unref();
			});
		});
		return new Promise((resolve, reject) => {
			server.once('error', error => {
				if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
					resolve('held-elsewhere');
				} else {
					reject(error);
				}
			});
			server.listen(beaconName(socketPath), () => {
				// Held for the scheduler's life, it never keeps a stopped one's process alive.
				server.unref();
				resolve(new SchedulerBeacon(server));
			});
		});
	}

	close(): void {
		this.server.close();
	}
}

/**
 * Calls the beacon of the root whose socket is `socketPath`: the scheduler holding it mends its files
 * before it hangs up (waited for up to `timeoutMs`).
 * @returns undefined when no scheduler runs the root; its pid when it answered (none from one that
 * took the call but is too busy to answer: it runs all the same)
 */
export async function callSchedulerBeacon(socketPath: string, timeoutMs = 10_000): Promise<{pid?: number} | undefined> {
	if (!hasAbstractSockets) {
		return undefined;
	}

	return new Promise(resolve => {
		let answer = '';
		let connected = false;
		const socket = net.connect(beaconName(socketPath));
		const done = () => {
			clearTimeout(timer);
			socket.destroy();
			const pid = Number.parseInt(answer, 10);
			resolve(connected ? (Number.isInteger(pid) && pid > 0 ? {pid} : {}) : undefined);
		};

		const timer = setTimeout(done, timeoutMs);
		socket.setEncoding('utf8');
		socket.once('connect', () => {
			connected = true;
		});
		socket.on('data', (chunk: string) => {
			answer += chunk;
		});
		socket.once('end', done);
		socket.once('error', done);
	});
}
