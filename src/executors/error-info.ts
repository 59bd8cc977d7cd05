import type {RunError} from '../core/run-record.js';
import {toJsonSafe} from './json-safe.js';
import {capText, safeString} from './progress-value.js';

/** Causes followed below an error (`new Error('x', {cause})`), so a loop of causes ends. */
const maxCauses = 5;
const maxMessage = 4000;

/**
 * Any thrown value as `{type, message, stack}`, the way history keeps it; the chain of causes is
 * appended to the stack ("Caused by: …"). Never throws: a job may throw a Proxy, an object whose
 * getters throw, or something that is not an error at all.
 */
export function errorInfo(error: unknown): RunError {
	try {
		if (error instanceof Error || isErrorLike(error)) {
			const record = error as {name?: unknown; message?: unknown; stack?: unknown; constructor?: {name?: unknown}};
			const type = nonEmpty(record.name) ?? nonEmpty(record.constructor?.name) ?? 'Error';
			const stack = typeof record.stack === 'string' ? record.stack : undefined;
			const causes = causeChain(error);
			return {
				type,
				message: capText(safeString(record.message ?? ''), maxMessage),
				...(stack || causes ? {stack: `${stack ?? `${type}: ${safeString(record.message)}`}${causes}`} : {}),
			};
		}

		return {type: typeof error === 'string' ? 'Error' : typeof error, message: capText(`a non-Error value was thrown: ${thrownText(error)}`, maxMessage)};
	} catch {
		return {type: 'Error', message: 'an unreadable value was thrown'};
	}
}

function isErrorLike(value: unknown): boolean {
	return typeof value === 'object' && value !== null && 'message' in value;
}

function nonEmpty(value: unknown): string | undefined {
	return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function causeChain(error: unknown): string {
	let text = '';
	let current = error;
	for (let depth = 0; depth < maxCauses; depth++) {
		const cause: unknown = (current as {cause?: unknown}).cause;
		if (cause === undefined || cause === null || cause === current) {
			break;
		}

		const described = cause instanceof Error ? cause.stack ?? `${cause.name}: ${cause.message}` : safeString(cause);
		text += `\nCaused by: ${described}`;
		if (typeof cause !== 'object') {
			break;
		}

		current = cause;
	}

	return text;
}

/** A thrown plain object as its JSON (`{"code":42}`), not "[object Object]"; anything else as String() gives it. */
function thrownText(value: unknown): string {
	if (typeof value === 'object' && value !== null) {
		const json = JSON.stringify(toJsonSafe(value).value);
		if (json !== undefined) {
			return json;
		}
	}

	return safeString(value);
}
