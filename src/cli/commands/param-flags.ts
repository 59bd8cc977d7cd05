import {UsageError} from './usage-error.js';

/**
 * `--param k=v`: the value is JSON when it parses as JSON (`days=3` a number, `dry_run=true` a boolean,
 * `symbols='["600519.SH"]'` an array, `opts='{"k":1}'` an object, `code='"600519"'` a string of digits),
 * plain text otherwise (`name=x`). A job's `params_schema` then checks names and types.
 */
export function parseParamFlags(values: readonly string[]): Record<string, unknown> {
	const params: Record<string, unknown> = {};
	for (const value of values) {
		const equals = value.indexOf('=');
		if (equals < 1) {
			throw new UsageError(`--param "${value}" must look like key=value (the value is JSON when it parses: 3, true, '["a","b"]', '{"k":1}'; text otherwise)`);
		}

		const key = value.slice(0, equals);
		if (key === '__proto__') {
			// Assigned here it would set the object's prototype, and the param vanish without a word; the API refuses the key too.
			throw new UsageError(`--param "${value}": a param cannot be named __proto__`);
		}

		if (Object.hasOwn(params, key)) {
			// The last would win without a word, and a typo in a long command line run the job on the wrong value.
			throw new UsageError(`--param ${key} is given twice (${key}=${JSON.stringify(params[key])} and ${value}): give each param once`);
		}

		const text = value.slice(equals + 1);
		try {
			params[key] = JSON.parse(text) as unknown;
		} catch {
			params[key] = text;
			continue;
		}

		const inexact = inexactWholeNumber(params[key]);
		if (inexact !== undefined) {
			const example = typeof params[key] === 'number' ? `: --param '${key}="${text}"'` : '';
			throw new UsageError(`--param ${key}: a whole number past ${Number.MAX_SAFE_INTEGER} is not kept exactly (the job would get ${String(inexact)}); give it as text, in double quotes${example}`);
		}
	}

	return params;
}

/**
 * A whole number in `value` (itself, or in its arrays and objects) past 2^53, where a double keeps no
 * whole number exactly: `--param order=12345678901234567891` reached the job as 12345678901234567000.
 */
function inexactWholeNumber(value: unknown): number | undefined {
	if (typeof value === 'number') {
		return Number.isInteger(value) && !Number.isSafeInteger(value) ? value : undefined;
	}

	if (typeof value === 'object' && value !== null) {
		for (const item of Object.values(value)) {
			const inexact = inexactWholeNumber(item);
			if (inexact !== undefined) {
				return inexact;
			}
		}
	}

	return undefined;
}
