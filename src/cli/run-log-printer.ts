import {dayLabel} from '../market/market-outlook.js';
import {printable} from '../log/printable-text.js';
import {zonedDate} from '../time/zoned-time.js';
import {logRecordOf, logRecordText, logRecordTime} from './log-line-text.js';

/** The line above a day's first log line: `── Tue 8 Dec 2026 ──` (the console's separator, log-days.ts, with the year). */
export function runLogDayHeading(ymd: string): string {
	return `── ${dayLabel(ymd)} ${ymd.slice(0, 4)} ──`;
}

/**
 * Prints a run's log lines as `logs` and `run` show them: each as `HH:MM:SS LEVEL message…`
 * (log-line-text.ts), and a day heading (runLogDayHeading) before the first line that has a time and
 * wherever the day in `timeZone` changes, so a log that crosses midnight, or one of last week, says its
 * days. A heading rather than a date on every line: the lines keep the columns they always had (and
 * the console's log has), and a heading is a line of its own, easy to keep or drop with grep.
 * One printer per command: a run's retries and a backfill's runs go on from the day last shown.
 */
export function runLogPrinter(timeZone: string, write: (text: string) => void): (line: string) => void {
	let shownDay: string | undefined;
	return line => {
		const record = logRecordOf(line);
		if (!record) {
			write(`${printable(line)}\n`);
			return;
		}

		const time = logRecordTime(record);
		const day = time === undefined ? undefined : zonedDate(time, timeZone);
		if (day !== undefined && day !== shownDay) {
			shownDay = day;
			write(`${runLogDayHeading(day)}\n`);
		}

		write(`${logRecordText(record, timeZone)}\n`);
	};
}
