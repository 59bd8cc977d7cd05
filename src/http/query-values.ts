/** Query and body values as the API takes them: times as ISO-8601, a date, or epoch milliseconds. */
import {calendarDateProblem, parseInstantText} from '../time/calendar-date.js';
import {wallTimeInstant} from '../time/wall-time-text.js';
import {zonedInstant} from '../time/zoned-time.js';
import {HttpError} from './http-errors.js';

/** The last instant a Date holds: 8.64e15 ms after 1970 (the year 275760). */
const lastInstant = 8_640_000_000_000_000;

/**
 * A time given as `1732075200000`, `2026-11-20` (midnight in `zone`), `2026-11-20T16:30:00+08:00`, or
 * `2026-11-20T16:30:00` (that wall time in `zone`, the scheduler's, not the machine's).
 */
export function parseTime(text: string | undefined, name: string, zone: string): number | undefined {
	if (text === undefined || text === '') {
		return undefined;
	}

	if (/^\d{10,12}$/.test(text)) {
		// Epoch seconds (`date +%s`) read as milliseconds would be January 1970: every run "since" then.
		throw new HttpError(400, 'bad-params', `${name} ${text} looks like epoch seconds; give epoch milliseconds (${text}000), ISO-8601 or YYYY-MM-DD`);
	}

	if (/^\d{13,}$/.test(text)) {
		// Past the last instant a Date holds, the statistics' range could not be worked out (a 500, "Invalid time value").
		if (Number(text) > lastInstant) {
			throw new HttpError(400, 'bad-params', `${name} ${text} is past the last time there is: give epoch milliseconds up to ${lastInstant} (the year 275760), ISO-8601 or YYYY-MM-DD`);
		}

		return Number(text);
	}

	if (/^\d{4}-\d\d-\d\d$/.test(text)) {
		const problem = calendarDateProblem(text);
		if (problem) {
			throw new HttpError(400, 'bad-params', `${name} ${problem}`);
		}

		return zonedInstant(text, zone).getTime();
	}

	// A `+` typed into a URL (`?since=2026-11-20T16:30:00+08:00` in curl) arrives as a space: put it back.
	const given = text.replace(/^(\d{4}-\d\d-\d\dT[\d:.]+) (\d\d(?::?\d\d)?)$/, '$1+$2');
	const instant = parseInstantText(given);
	if (!instant.ok) {
		throw new HttpError(400, 'bad-params', `${name} ${instant.message}; give ISO-8601, YYYY-MM-DD or epoch milliseconds`);
	}

	return wallTimeInstant(given, zone) ?? instant.ms;
}

/**
 * A yes/no switch in a query that guards a write (`?dry_run`): bare or `1`/`true`/`yes` is yes,
 * `0`/`false`/`no` (or leaving it out) is no, any other value is refused. A typo such as `?dry_run=on`
 * must not turn a preview into a write.
 */
export function querySwitch(text: string | undefined, name: string): boolean {
	if (text === undefined) {
		return false;
	}

	const value = text.toLowerCase();
	if (['', '1', 'true', 'yes'].includes(value)) {
		return true;
	}

	if (['0', 'false', 'no'].includes(value)) {
		return false;
	}

	throw new HttpError(400, 'bad-params', `${name} must be 1, true or yes (or 0, false, no), not ${JSON.stringify(text)}`);
}
