import {logFieldsText} from '../log/log-fields-text.js';
import {printable} from '../log/printable-text.js';
import {formatZonedIso} from '../time/zoned-time.js';

const levelNames: Record<number, string> = {10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL'};

/**
 * A run log line (pino JSON) as a person reads it: `HH:MM:SS LEVEL message key=value…`, control
 * characters made visible (the file keeps the raw bytes). A line that is not JSON is shown as it is.
 */
export function logLineText(line: string, timeZone: string): string {
	let record: Record<string, unknown>;
	try {
		record = JSON.parse(line) as Record<string, unknown>;
	} catch {
		return printable(line);
	}

	if (typeof record !== 'object' || record === null) {
		return printable(line);
	}

	const time = typeof record.time === 'number' ? formatZonedIso(record.time, timeZone).slice(11, 19) : '        ';
	const level = (levelNames[record.level as number] ?? 'INFO').padEnd(5);
	const extras = logFieldsText(record);
	return printable(`${time} ${level} ${String(record.msg ?? '')}${extras ? `  ${extras}` : ''}`);
}
