/** The envelopes that carry requests, responses and events over any transport. */
import type {EventName, Method} from './messages.js';

export type ErrorCode =
	| 'bad-message'
	| 'unknown-method'
	| 'bad-params'
	| 'version-mismatch'
	| 'not-found'
	| 'conflict'
	| 'unavailable'
	| 'internal';

export type ErrorBody = {code: ErrorCode; message: string};

export type RequestMessage = {kind: 'request'; id: number; method: Method; params: unknown};

export type ResponseMessage =
	| {kind: 'response'; id: number | null; ok: true; result: unknown}
	| {kind: 'response'; id: number | null; ok: false; error: ErrorBody};

export type EventMessage = {kind: 'event'; name: EventName; data: unknown};

export type ServerMessage = ResponseMessage | EventMessage | ClosingMessage;

/**
 * Why a connection ends, when the side that ends it can still say so: `stopped-reading`, the scheduler
 * dropped a client that read nothing while its backlog grew past the bound (a console under SIGSTOP, a
 * pane frozen in scroll mode, a stalled ssh link): what was queued for it is lost, and it should
 * connect again for the current state. `no-hello`: the connection did not say hello in time after it
 * connected (socket-server.ts, helloDeadlineMs). `stopped`: the scheduler stopped on purpose (a signal,
 * systemd's stop, the console that ran it quitting), not a crash: `cause` says what stopped it and
 * `reason` what became of its live runs, as its `shutdown` said.
 */
export type CloseCode = 'stopped-reading' | 'no-hello' | 'stopped';

/**
 * The last line of a connection that its sender ends on its own, with why (`reason` for a person). It
 * goes ahead of whatever was still queued (that is dropped), so a client that reads again learns why
 * the connection closed. A peer that does not know it ignores it and sees a plain close. `at`: when the
 * sender ended it (ms since the epoch, its clock), which a peer that reads late learns only from it.
 * `cause`: what stopped a scheduler that stopped on purpose (`SIGTERM`), for a `stopped` close.
 */
export type ClosingMessage = {kind: 'closing'; code: CloseCode; reason: string; at?: number; cause?: string};

/** A request refused or failed, as a client sees it. */
export class ProtocolError extends Error {
	override name = 'ProtocolError';

	constructor(readonly code: ErrorCode, message: string, options?: ErrorOptions) {
		super(message, options);
	}
}

/** The peer went away (the scheduler stopped or died, or the connection was closed); `code` when the scheduler said why. */
export class ConnectionClosedError extends Error {
	override name = 'ConnectionClosedError';

	constructor(message: string, readonly code?: CloseCode) {
		super(message);
	}
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads a client's message; a string saying what is wrong when it is not a request. */
export function readRequest(value: unknown): RequestMessage | {problem: string; id: number | null} {
	if (!isObject(value)) {
		return {problem: 'a message must be a JSON object', id: null};
	}

	const id = Number.isSafeInteger(value.id) ? value.id as number : null;
	if (value.kind !== 'request') {
		return {problem: `unknown message kind ${JSON.stringify(value.kind)}; expected "request"`, id};
	}

	if (id === null) {
		return {problem: 'a request needs an integer "id"', id};
	}

	if (typeof value.method !== 'string') {
		return {problem: 'a request needs a "method" string', id};
	}

	return {kind: 'request', id, method: value.method as Method, params: value.params ?? {}};
}

/** Reads a scheduler's message on the client side; undefined for anything else. */
export function readServerMessage(value: unknown): ServerMessage | undefined {
	if (!isObject(value)) {
		return undefined;
	}

	if (value.kind === 'event' && typeof value.name === 'string') {
		return value as EventMessage;
	}

	if (value.kind === 'response' && typeof value.ok === 'boolean') {
		return value as ResponseMessage;
	}

	if (value.kind === 'closing' && typeof value.code === 'string' && typeof value.reason === 'string') {
		return value as ClosingMessage;
	}

	return undefined;
}
