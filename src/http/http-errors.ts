/** Every error answer is JSON `{error, message}`: `error` a stable code, `message` for a person. */
import type {ErrorCode} from '../protocol/wire.js';

export type ErrorBody = {error: string; message: string};

/** A refusal with its HTTP status, thrown by routes and turned into the JSON answer. */
export class HttpError extends Error {
	override name = 'HttpError';

	constructor(readonly status: number, readonly code: string, message: string, readonly extra: Record<string, unknown> = {}) {
		super(message);
	}
}

const protocolStatus: Record<ErrorCode, number> = {
	'bad-message': 400,
	'unknown-method': 400,
	'bad-params': 400,
	'version-mismatch': 400,
	'not-found': 404,
	conflict: 409,
	unavailable: 503,
	internal: 500,
};

export function statusOfProtocolError(code: ErrorCode): number {
	return protocolStatus[code];
}
