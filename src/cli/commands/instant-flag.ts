import {calendarDateProblem, parseInstantText} from '../../time/calendar-date.js';
import {wallOf} from '../../time/civil-calendar.js';
import {wallToInstant, zonedInstant} from '../../time/zoned-time.js';
import {UsageError} from './usage-error.js';

/** A date-time with no offset (`2026-12-06T22:00`, `2026-12-06 22:00:05.250`): a wall time. */
const wallDateTime = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,3}))?)?$/;

/**
 * An instant given on the command line (`list --from`, `history --since`): a bare day is the start of
 * that day in `timeZone`, and a date-time without an offset a wall time there: the scheduler's zone
 * (jobs.yaml's `timezone`), the one its "today" counts in and these commands print times in.
 * JavaScript alone would read a bare day as midnight UTC and a wall time in the machine's zone.
 * A date-time with an offset (or `Z`) is that instant.
 */
export function instantFlag(text: string, flag: string, timeZone: string): number {
	if (/^\d{4}-\d\d-\d\d$/.test(text)) {
		const problem = calendarDateProblem(text);
		if (problem) {
			throw new UsageError(`${flag} ${problem}`);
		}

		return zonedInstant(text, timeZone).getTime();
	}

	const instant = parseInstantText(text);
	if (!instant.ok) {
		throw new UsageError(`${flag} ${instant.message}`);
	}

	const wall = wallDateTime.exec(text);
	if (wall) {
		const [, y, mo, d, h, mi, s = '0', fraction = '0'] = wall;
		const at = wallOf(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s), Number(fraction.padEnd(3, '0')));
		if (at !== undefined) {
			return wallToInstant(at, timeZone);
		}
	}

	return instant.ms;
}
