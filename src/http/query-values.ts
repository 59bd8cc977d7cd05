/** Query and body values as the API takes them: times as ISO-8601, a date, or epoch milliseconds. */
import {calendarDateProblem, parseInstantText} from '../time/calendar-date.js';
import {zonedInstant} from '../time/zoned-time.js';
import {HttpError} from './http-errors.js';

/** A time given as `1732075200000`, `2026-11-20` (midnight in `zone`) or `2026-11-20T16:30:00+08:00`. */
export function parseTime(text: string | undefined, name: string, zone: string): number | undefined {
	if (text === undefined || text === '') {
		return undefined;
	}

	if (/^\d{10,}$/.test(text)) {
		return Number(text);
	}

	if (/^\d{4}-\d\d-\d\d$/.test(text)) {
		const problem = calendarDateProblem(text);
		if (problem) {
			throw new HttpError(400, 'bad-params', `${name} ${problem}`);
		}

		return zonedInstant(text, zone).getTime();
	}

	const instant = parseInstantText(text);
	if (!instant.ok) {
		throw new HttpError(400, 'bad-params', `${name} ${instant.message}; give ISO-8601, YYYY-MM-DD or epoch milliseconds`);
	}

	return instant.ms;
}

export const truthy = (text: string | undefined) => text === '1' || text === 'true' || text === 'yes';
