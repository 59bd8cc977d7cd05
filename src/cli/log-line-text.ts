import {logFieldsText} from '../log/log-fields-text.js';
import {printable} from '../log/printable-text.js';
import {formatZonedIso} from '../time/zoned-time.js';

const levelNames: Record<number, string> = {10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL'};

/** A run log line's pino record, or undefined for a line that is not a JSON object. */
export function logRecordOf(line: string): Record<string, unknown> | undefined {
	try {
		const record = JSON.parse(line) as unknown;
		return typeof record === 'object' && record !== null ? record as Record<string, unknown> : undefined;
	} catch {
		return undefined;
	}
}

/** A record's `time` (ms since the epoch), when it has one. */
export function logRecordTime(record: Record<string, unknown>): number | undefined {
	return typeof record.time === 'number' ? record.time : undefined;
}

/** A record as a person reads it: `HH:MM:SS LEVEL message key=value…`, control characters made visible. */
export function logRecordText(record: Record<string, unknown>, timeZone: string): string {
	const at = logRecordTime(record);
	const time = at === undefined ? '        ' : formatZonedIso(at, timeZone).slice(11, 19);
	const level = (levelNames[record.level as number] ?? 'INFO').padEnd(5);
	const extras = logFieldsText(record);
	return printable(`${time} ${level} ${String(record.msg ?? '')}${extras ? `  ${extras}` : ''}`);
}

/**
 * A run log line (pino JSON) as a person reads it (logRecordText); the file keeps the raw bytes. A
 * line that is not JSON is shown as it is. Its day is not in it: run-log-printer.ts says it above.
 */
export function logLineText(line: string, timeZone: string): string {
	const record = logRecordOf(line);
	return record ? logRecordText(record, timeZone) : printable(line);
}
