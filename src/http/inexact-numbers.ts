/**
 * A whole number past 2^53 in a JSON body: JSON.parse keeps none of them exactly, so a run asked for
 * with `{"params": {"order": 12345678901234567891}}` got 12345678901234567000, a value the client never
 * sent. Refused, naming the field, as the CLI's `--param` refuses one.
 */
import {HttpError} from './http-errors.js';

/** The first such number in `value` (itself, or in its arrays and objects), with its path in it (`params.ids[1]`). */
function firstInexact(value: unknown, path: string): {path: string; value: number} | undefined {
	if (typeof value === 'number') {
		return Number.isInteger(value) && !Number.isSafeInteger(value) ? {path, value} : undefined;
	}

	if (typeof value === 'object' && value !== null) {
		for (const [key, item] of Object.entries(value)) {
			const found = firstInexact(item, Array.isArray(value) ? `${path}[${key}]` : (path === '' ? key : `${path}.${key}`));
			if (found) {
				return found;
			}
		}
	}

	return undefined;
}

/** Throws a 400 `bad-params` naming, as the schema's refusals do (`body params.order`), the first whole number past 2^53 in `body`. */
export function refuseInexactNumbers(body: unknown): void {
	const found = firstInexact(body, '');
	if (found) {
		throw new HttpError(400, 'bad-params', `body${found.path === '' ? '' : ` ${found.path}`} is a whole number past ${Number.MAX_SAFE_INTEGER}, which JSON does not keep exactly (it reads as ${String(found.value)}): send it as a string`);
	}
}
