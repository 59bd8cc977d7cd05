/** What every run log line carries and a reader already sees elsewhere (its clock, level, message, job and run). */
const standardKeys = new Set(['level', 'time', 'msg', 'jobId', 'runId', 'pid', 'hostname']);

/**
 * A log line's own structured fields (pino's merge object: `ctx.log.info({symbol, bars}, 'synced')`)
 * as a person reads them after the message: `symbol=600519.SH bars=136`, strings bare, anything else as
 * JSON, in the order logged; the standard keys and `omit` left out. Empty when it has none. The CLI's
 * `run` and `logs` and the console's log panel show them in these words; make the result printable
 * before drawing it.
 */
export function logFieldsText(record: Readonly<Record<string, unknown>>, omit: readonly string[] = []): string {
	return Object.entries(record)
		.filter(([key]) => !standardKeys.has(key) && !omit.includes(key))
		.map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
		.join(' ');
}

/** The most of a line's fields the log tail carries: a job logging a whole table keeps the tail small. */
export const tailFieldsChars = 400;

/** A line's fields for the log tail (`LogLine.fields`): logFieldsText cut to tailFieldsChars, undefined when none. */
export function tailFieldsText(record: Readonly<Record<string, unknown>>, omit: readonly string[] = []): string | undefined {
	const text = logFieldsText(record, omit);
	if (text === '') {
		return undefined;
	}

	return text.length <= tailFieldsChars ? text : `${text.slice(0, tailFieldsChars - 1)}…`;
}
