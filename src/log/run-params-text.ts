import {redactSecrets} from './redact.js';
import {printable} from './printable-text.js';

/**
 * A run's asked-for params (`run JOB --param`, the API's `params`; what its retry runs with) as `show`
 * gives them: `k=v` as `--param` reads them back, a string as it is unless it reads as JSON
 * (`code="600519"`), anything else as JSON. A secret's value is `[redacted]`: the scheduler sends it
 * censored, and it is censored here again so no path to this view can show one.
 */
export function runParamsText(params: Record<string, unknown>): string {
	return printable(Object.entries(redactSecrets(params)).map(([key, value]) => `${key}=${typeof value === 'string' && !readsAsJson(value) ? value : JSON.stringify(value)}`).join(' '));
}

function readsAsJson(text: string): boolean {
	try {
		JSON.parse(text);
		return true;
	} catch {
		return false;
	}
}
