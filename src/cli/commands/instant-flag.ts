import {calendarDateProblem, parseInstantText} from '../../time/calendar-date.js';
import {wallTimeInstant} from '../../time/wall-time-text.js';
import {zonedInstant} from '../../time/zoned-time.js';
import {UsageError} from './usage-error.js';

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

	return wallTimeInstant(text, timeZone) ?? instant.ms;
}
