import type net from 'node:net';
import type {Transport} from '../protocol/transport.js';
import type {ClosingMessage} from '../protocol/wire.js';

/**
 * How long a new connection has to say hello before it is closed (with a `closing` line saying why): one
 * that connects and says nothing, or asks before its hello, would otherwise hold a connection for as
 * long as its process lives. Every client of sage-console says hello as soon as it connects.
 * `SAGE_CONSOLE_HELLO_DEADLINE_MS` sets it (tests shorten it).
 */
export function helloDeadlineMs(env: NodeJS.ProcessEnv = process.env): number {
	const text = env.SAGE_CONSOLE_HELLO_DEADLINE_MS;
	return text !== undefined && /^\d+$/.test(text) ? Number(text) : 10_000;
}

/**
 * A connection closed for not saying hello is logged at warn once a minute at most, the others at
 * debug: one tells the operator a program on this machine connects wrongly; a crowd of them is noise.
 */
const warningEveryMs = 60_000;

/** How long a connection closed for not saying hello has to hang up before it is cut off. */
const hangUpGraceMs = 1000;

/** Where the deadline says what it closed (the scheduler's log). */
export type HelloDeadlineLog = {
	warn(fields: Record<string, unknown>, message: string): void;
	debug(fields: Record<string, unknown>, message: string): void;
};

/** Closes the socket server's connections that do not say hello in time (helloDeadlineMs), and logs them. */
export class HelloDeadline {
	/** When a connection closed for not saying hello was last logged at warn. */
	private lastWarning: number | undefined;

	constructor(private readonly log?: HelloDeadlineLog) {}

	/** Closes `socket`, telling it why in a last line, unless it has said hello (`greeted`) within the deadline. */
	watch(socket: net.Socket, transport: Transport, greeted: () => boolean): void {
		const deadlineMs = helloDeadlineMs();
		const deadline = setTimeout(() => {
			// A scheduler busy past the deadline runs its timers before it reads what came meanwhile: a hello
			// that arrived in time is read first, in this turn's poll (setImmediate runs after it).
			setImmediate(() => {
				if (!socket.destroyed && !greeted()) {
					this.close(socket, transport, deadlineMs);
				}
			});
		}, deadlineMs);
		deadline.unref();
		socket.once('close', () => {
			clearTimeout(deadline);
		});
	}

	private close(socket: net.Socket, transport: Transport, deadlineMs: number): void {
		const reason = `closed by the scheduler: this connection did not say hello within ${deadlineMs / 1000} s of connecting (a request with method "hello" and the protocol version comes first)`;
		transport.send({kind: 'closing', code: 'no-hello', reason, at: Date.now()} satisfies ClosingMessage);
		transport.close();
		// Ended, and cut off if it does not hang up (it may never read the line, nor close its side).
		setTimeout(() => socket.destroy(), hangUpGraceMs).unref();
		const now = Date.now();
		const warn = this.lastWarning === undefined || now - this.lastWarning >= warningEveryMs;
		if (warn) {
			this.lastWarning = now;
		}

		this.log?.[warn ? 'warn' : 'debug']({deadlineMs}, `closed a connection that did not say hello within ${deadlineMs / 1000} s: a program on this machine connected to the socket and said nothing, or asked before its hello${warn ? ' (more of these within a minute are logged at debug)' : ''}`);
	}
}
