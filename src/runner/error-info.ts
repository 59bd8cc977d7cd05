import type {RunError} from '../core/run-record.js';

/** Any thrown value as `{type, message, stack}`, the way history keeps it. */
export function errorInfo(error: unknown): RunError {
	if (error instanceof Error) {
		const cause = error.cause instanceof Error ? `\nCaused by: ${error.cause.stack ?? error.cause.message}` : '';
		return {type: error.name || error.constructor.name || 'Error', message: error.message, stack: (error.stack ?? '') + cause || undefined};
	}

	if (typeof error === 'object' && error !== null && 'message' in error) {
		const record = error as {name?: unknown; message?: unknown; stack?: unknown};
		return {type: String(record.name ?? 'Error'), message: String(record.message), stack: typeof record.stack === 'string' ? record.stack : undefined};
	}

	return {type: typeof error === 'string' ? 'Error' : typeof error, message: `a non-Error value was thrown: ${String(error)}`};
}
