import {isSecretKey, redactSecrets} from '../log/redact.js';
import {zonedDate} from '../time/zoned-time.js';
import type {RunSpec} from './executor.js';
import {shellQuote} from './shell-quote.js';

export type ExpandOptions = {
	/** The text is parsed by a shell: every value goes in as one quoted word. */
	quote: boolean;
	/** For display: values of secret params become `[redacted]`. */
	redact: boolean;
};

const placeholder = /\{([a-z_]+(?:\.[\w-]+)?)\}/g;

/**
 * `{date}` (the scheduled day, job's zone), `{trade_date}`, `{run_id}`, `{job_id}`, `{attempt}`,
 * `{scheduled_at}` (ISO), `{root}`, `{params.NAME}` (a string as is, anything else as JSON); unknown
 * names stay as written. Each value is inserted once, never expanded again.
 */
export function expandPlaceholders(text: string, spec: RunSpec, options: ExpandOptions = {quote: false, redact: false}): string {
	const values: Record<string, string> = {
		date: zonedDate(spec.scheduledAt, spec.timeZone),
		trade_date: spec.tradeDate ?? zonedDate(spec.scheduledAt, spec.timeZone),
		run_id: String(spec.runId),
		job_id: spec.jobId,
		attempt: String(spec.attempt),
		scheduled_at: new Date(spec.scheduledAt).toISOString(),
		root: spec.paths.root,
	};
	return text.replaceAll(placeholder, (whole, name: string) => {
		let value: string | undefined;
		if (name.startsWith('params.')) {
			value = paramText(spec.params, name.slice('params.'.length), options.redact);
		} else {
			value = values[name];
		}

		if (value === undefined) {
			return whole;
		}

		return options.quote ? shellQuote(value) : value;
	});
}

function paramText(params: Record<string, unknown>, name: string, redact: boolean): string | undefined {
	if (!Object.hasOwn(params, name)) {
		return undefined;
	}

	const value = params[name];
	if (value === undefined) {
		return undefined;
	}

	if (redact && isSecretKey(name)) {
		return '[redacted]';
	}

	if (typeof value === 'string') {
		return value;
	}

	try {
		return JSON.stringify(redact ? redactSecrets(value) : value) ?? String(value);
	} catch {
		return String(value);
	}
}

/** The NAMEs of the `{params.NAME}` placeholders in `texts`: the params a command gets. */
export function paramPlaceholders(texts: readonly string[]): Set<string> {
	const names = new Set<string>();
	for (const text of texts) {
		for (const [, name] of text.matchAll(placeholder)) {
			if (name!.startsWith('params.')) {
				names.add(name!.slice('params.'.length));
			}
		}
	}

	return names;
}
