import {UsageError} from './usage-error.js';

/** `--param symbols=["600519.SH"] --param days=3 --param name=x`: JSON values where they parse, text otherwise. */
export function parseParamFlags(values: readonly string[]): Record<string, unknown> {
	const params: Record<string, unknown> = {};
	for (const value of values) {
		const equals = value.indexOf('=');
		if (equals < 1) {
			throw new UsageError(`--param "${value}" must look like key=value`);
		}

		const key = value.slice(0, equals);
		const text = value.slice(equals + 1);
		try {
			params[key] = JSON.parse(text) as unknown;
		} catch {
			params[key] = text;
		}
	}

	return params;
}
