/**
 * A run's result is kept whole only up to 64 KiB of JSON: past that it is cut to
 * `{truncated: true, length, preview}` (its JSON text's length, and the first 64 KiB of it), the same everywhere the run is
 * read — the live record, `get-run`, events and history — so a 5 MB result does not stay in memory.
 */

/** Results whose JSON is longer than this are cut. */
export const maxResultChars = 64 * 1024;

/** A result that was cut: the start of its JSON text, and how long that text was (rows of older versions lack it). */
export type CutResult = {truncated: true; length?: number; preview: string};

/** A result's JSON text (a value JSON cannot hold, such as a cycle, as its string form). */
export function resultJson(result: unknown): string {
	try {
		return JSON.stringify(result) ?? 'null';
	} catch {
		return JSON.stringify(String(result));
	}
}

/** True for a result already cut by `cutResult` (it is kept as it is, not cut again). */
export function isCutResult(result: unknown): result is CutResult {
	if (typeof result !== 'object' || result === null) {
		return false;
	}

	const keys = Object.keys(result);
	return (keys.length === 2 || (keys.length === 3 && typeof (result as CutResult).length === 'number')) && (result as CutResult).truncated === true && typeof (result as CutResult).preview === 'string';
}

/** The result as kept: itself when its JSON is at most `maxResultChars`, else `{truncated: true, length, preview}`. */
export function cutResult(result: unknown): unknown {
	if (result === undefined || isCutResult(result)) {
		return result;
	}

	return keptResult(result, resultJson(result)).kept;
}

/** The JSON text of the result as kept (`cutResult`), the result's JSON made once. */
export function keptResultJson(result: unknown): string {
	return isCutResult(result) ? resultJson(result) : keptResult(result, resultJson(result)).text;
}

function keptResult(result: unknown, text: string): {kept: unknown; text: string} {
	if (text.length <= maxResultChars) {
		return {kept: result, text};
	}

	const cut: CutResult = {truncated: true, length: text.length, preview: text.slice(0, maxResultChars)};
	return {kept: cut, text: resultJson(cut)};
}
