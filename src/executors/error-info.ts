import type {RunError} from '../core/run-record.js';
import {toJsonSafe} from './json-safe.js';
import {capText, safeString} from './progress-value.js';

/** Causes followed below an error (`new Error('x', {cause})`), so a loop of causes ends. */
const maxCauses = 5;
/** An AggregateError's errors named one by one; the rest are counted. */
const maxListed = 10;
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
			const listed = listedErrors(error);
			const causes = causeChain(error);
			const message = safeString(record.message ?? '');
			return {
				type,
				message: capText(listed ? `${message}${message ? ': ' : ''}${listed.summary}` : message, maxMessage),
				...(stack || listed || causes ? {stack: `${stack ?? `${type}: ${message}`}${listed?.detail ?? ''}${causes}`} : {}),
			};
		}

		// The value's own type (`throw 'boom'` is a string's, as `throw 42` is a number's), never Error, which it is not.
		return {type: typeof error, message: capText(`a non-Error value was thrown: ${thrownText(error)}`, maxMessage)};
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

/**
 * The errors an AggregateError carries (what `Promise.any` rejected with, or `new AggregateError(errors)`):
 * its own message says only "All promises were rejected". `summary` names each (`[1] Error: source A down;
 * [2] TypeError: …`) for the message; `detail` gives each one's stack, indented, for the stack.
 */
function listedErrors(error: unknown): {summary: string; detail: string} | undefined {
	try {
		const errors = (error as {errors?: unknown}).errors;
		if (!Array.isArray(errors) || errors.length === 0) {
			return undefined;
		}

		const shown = errors.slice(0, maxListed);
		const more = errors.length - shown.length;
		const rest = more > 0 ? `; and ${more} more` : '';
		return {
			summary: `${shown.map((item, index) => `[${index + 1}] ${headOf(item)}`).join('; ')}${rest}`,
			detail: `\nErrors:${shown.map((item, index) => `\n  [${index + 1}] ${fullText(item).replaceAll('\n', '\n    ')}`).join('')}${more > 0 ? `\n  … and ${more} more` : ''}`,
		};
	} catch {
		return undefined;
	}
}

/** `Type: message` of an error, or a thrown value's text. */
function headOf(value: unknown): string {
	if (value instanceof Error || isErrorLike(value)) {
		const record = value as {name?: unknown; message?: unknown};
		return `${nonEmpty(record.name) ?? 'Error'}: ${safeString(record.message)}`;
	}

	return thrownText(value);
}

/** An error with its stack, or a thrown value's text. */
function fullText(value: unknown): string {
	const stack = value instanceof Error ? value.stack : undefined;
	return typeof stack === 'string' ? stack : headOf(value);
}

function causeChain(error: unknown): string {
	let text = '';
	let current = error;
	for (let depth = 0; depth < maxCauses; depth++) {
		const cause: unknown = (current as {cause?: unknown}).cause;
		if (cause === undefined || cause === null || cause === current) {
			break;
		}

		const described = cause instanceof Error ? cause.stack ?? headOf(cause) : thrownText(cause);
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
