import {unlinkSync} from 'node:fs';
import net from 'node:net';
import {serveSession, type EventSource, type RequestHandler, type SessionInfo} from '../protocol/server-session.js';
import type {Transport} from '../protocol/transport.js';
import type {ClosingMessage} from '../protocol/wire.js';
import {removeLeftoverSocketFolders} from './leftover-socket-folders.js';
import {listenPrivately, removeListenedSocket, type ListenedSocket} from './private-socket-listen.js';
import {prepareSocketFolder} from './socket-path.js';
import {HelloDeadline, type HelloDeadlineLog} from './hello-deadline.js';
import {maxBacklogBytes, socketTransport} from './socket-transport.js';

/** Where the socket server says what it did on its own, to a client or in data/ (the scheduler's log). */
export type SocketServerLog = HelloDeadlineLog & {info(fields: Record<string, unknown>, message: string): void};

/** Whether a scheduler answers on `socketPath` (a socket file with nobody behind it is stale). */
export async function socketAnswers(socketPath: string, timeoutMs = 1000): Promise<boolean> {
	return new Promise(resolve => {
		const socket = net.connect(socketPath);
		const timer = setTimeout(() => {
			socket.destroy();
			resolve(false);
		}, timeoutMs);
		socket.once('connect', () => {
			clearTimeout(timer);
			socket.end();
			resolve(true);
		});
		socket.once('error', () => {
			clearTimeout(timer);
			resolve(false);
		});
	});
}

/**
 * How long clients get to hang up once the scheduler stops; one that does not (a console stopped with
 * SIGSTOP reads nothing, so never answers the end of its connection) is cut off then, or the stop would
 * wait for it for as long as it stays stopped.
 */
const hangUpGraceMs = 1000;

/** Clients dropped for not reading whose moment is remembered (the newest; each console's name has its pid). */
const droppedKept = 100;

/**
 * How long a client dropped for not reading has to read its last lines (the `closing` one says why)
 * before its connection is cut off: a console resumed within it learns it was dropped and attaches again;
 * one that stays stopped (a console in a suspended tmux pane, a Ctrl-Z'd `logs --follow`) no longer holds
 * a socket, and the lines waiting for it, for as long as it lives. As long as a stop's default
 * `shutdown_grace`; `SAGE_CONSOLE_DROPPED_GRACE_MS` sets it (tests shorten it).
 */
export function droppedClientGraceMs(env: NodeJS.ProcessEnv = process.env): number {
	const text = env.SAGE_CONSOLE_DROPPED_GRACE_MS;
	return text !== undefined && /^\d+$/.test(text) ? Number(text) : 30_000;
}

/**
 * The scheduler's door for other processes: the protocol on a unix socket (0600 from the moment it is
 * there, see private-socket-listen.ts), one session per connection. A stale socket file left by a dead scheduler is removed
 * before listening, and the private folders of one killed while it listened (leftover-socket-folders.ts).
 */
export class SocketServer {
	private server: net.Server | undefined;
	/** The socket file this server made, removed at close (Node removes only the path it bound). */
	private listened: ListenedSocket | undefined;
	/** Each session with its transport, which carries a stop's `closing` line before the session ends. */
	private readonly sessions = new Map<{close(): void}, Transport>();
	private readonly sockets = new Set<net.Socket>();
	/** Closed for good: a relisten still under way when the scheduler stopped must not listen again. */
	private closed = false;
	/** Whether the private folders a killed scheduler left were removed: once, at the start, before this one makes its own. */
	private sweptLeftovers = false;
	private readonly helloDeadline: HelloDeadline;
	/**
	 * When each client (by hello's name) was last dropped for not reading: one cut off before it read the
	 * closing line that said so learns the moment in the hello it says again (a console re-attaching).
	 */
	private readonly dropped = new Map<string, number>();

	constructor(readonly socketPath: string, private readonly dbFile: string, private readonly handler: RequestHandler, private readonly events: EventSource, private readonly info: SessionInfo, private readonly log?: SocketServerLog) {
		this.helloDeadline = new HelloDeadline(log);
	}

	async listen(): Promise<void> {
		prepareSocketFolder(this.socketPath, this.dbFile);
		if (await socketAnswers(this.socketPath)) {
			throw new Error(`a scheduler already answers on ${this.socketPath}`);
		}

		try {
			unlinkSync(this.socketPath);
		} catch {
			// No stale socket.
		}

		if (!this.sweptLeftovers) {
			// The lock is held (a SocketServer is made only for a scheduler that holds it): no other is listening here.
			this.sweptLeftovers = true;
			for (const folder of removeLeftoverSocketFolders(this.socketPath)) {
				this.log?.info({folder}, `removed ${folder}: the private folder a scheduler killed while it made its socket left behind`);
			}
		}

		const server = net.createServer(socket => {
			const transport = socketTransport(socket);
			const session = serveSession(transport, this.handler, this.events, this.info, client => this.dropped.get(client));
			transport.onClose((_reason, code) => {
				if (code === 'stopped-reading') {
					// A console that seems to restart by itself, or a `logs --follow` that ends: the log says why.
					const client = session.client ?? 'a client that had not said hello';
					this.noteDropped(client);
					this.log?.warn({client, backlogBytes: maxBacklogBytes}, `dropped ${client} from the socket: it read nothing while ${maxBacklogBytes / 1024 / 1024} MB waited for it (stopped, frozen, or on a stalled link); it is told why when it reads again`);
					this.cutOffUnlessRead(socket, client);
				}
			});
			this.helloDeadline.watch(socket, transport, () => session.client !== undefined);
			this.sessions.set(session, transport);
			this.sockets.add(socket);
			socket.once('close', () => {
				this.sessions.delete(session);
				this.sockets.delete(socket);
			});
		});
		// 0600 from the moment it is at its path: no moment when the umask's mode lets others connect.
		const listened = await listenPrivately(server, this.socketPath);
		if (this.closed) {
			// Closed while this listen was under way (a relisten as the scheduler stopped): nobody would close it.
			server.close();
			removeListenedSocket(this.socketPath, listened);
			return;
		}

		this.server = server;
		this.listened = listened;
	}

	private noteDropped(client: string): void {
		this.dropped.delete(client);
		this.dropped.set(client, Date.now());
		if (this.dropped.size > droppedKept) {
			this.dropped.delete(this.dropped.keys().next().value!);
		}
	}

	/**
	 * Gives a dropped client the grace to read its last lines and hang up; one that does not is cut off
	 * (what it has not read is lost: it learns only that the connection closed) and the log says so.
	 */
	private cutOffUnlessRead(socket: net.Socket, client: string): void {
		const graceMs = droppedClientGraceMs();
		const cutOff = setTimeout(() => {
			if (!socket.destroyed) {
				socket.destroy();
				this.log?.warn({client, graceMs}, `cut off ${client} from the socket: ${graceMs / 1000} s after it was dropped for not reading, it still had not read its last lines; its connection is closed`);
			}
		}, graceMs);
		// The socket keeps the scheduler going until it closes, not this timer.
		cutOff.unref();
		socket.once('close', () => {
			clearTimeout(cutOff);
		});
	}

	/** Listens anew (the socket file was deleted from under it); connected clients stay connected. */
	async relisten(): Promise<void> {
		if (this.closed) {
			return;
		}

		// Stops listening at once; its callback would wait for every connected client to leave, and an
		// attached console never does, so the socket was never made again.
		this.server?.close();
		this.server = undefined;
		await this.listen();
	}

	/**
	 * Stops listening, ends every session (cutting off a client that does not hang up) and removes the
	 * socket file. `closing`: the last line each client gets first (a stop on purpose says so, so a
	 * console does not tell it as the scheduler gone).
	 */
	async close(closing?: ClosingMessage): Promise<void> {
		this.closed = true;
		for (const [session, transport] of this.sessions) {
			if (closing) {
				transport.send(closing);
			}

			session.close();
		}

		this.sessions.clear();
		const cutOff = setTimeout(() => {
			for (const socket of this.sockets) {
				socket.destroy();
			}
		}, hangUpGraceMs);
		const server = this.server;
		this.server = undefined;
		if (server) {
			// Called once every connection has closed, not only the listening socket.
			const closed = new Promise<void>(resolve => {
				server.close(() => resolve());
			});
			// At once, as Node removes a socket it bound in place: a new client finds no door, not a closing one.
			removeListenedSocket(this.socketPath, this.listened);
			await closed;
		}

		clearTimeout(cutOff);
	}
}
