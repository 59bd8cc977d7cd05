import {exchangeTimeZone} from '../../market/trading-calendar.js';
import {calendarDateProblem, parseInstantText} from '../../time/calendar-date.js';
import {zonedInstant} from '../../time/zoned-time.js';
import {UsageError} from './usage-error.js';

/**
 * An instant given on the command line (`list --from`, `history --since`): a bare day is the start of
 * that day on the exchange clock (Asia/Shanghai), as every time these commands print is; JavaScript
 * alone would read it as midnight UTC, 08:00 there, and miss the morning. A date-time keeps its offset
 * (without one, the machine's zone).
 */
export function instantFlag(text: string, flag: string): number {
	if (/^\d{4}-\d\d-\d\d$/.test(text)) {
		const problem = calendarDateProblem(text);
		if (problem) {
			throw new UsageError(`${flag} ${problem}`);
		}

		return zonedInstant(text, exchangeTimeZone).getTime();
	}

	const instant = parseInstantText(text);
	if (!instant.ok) {
		throw new UsageError(`${flag} ${instant.message}`);
	}

	return instant.ms;
}
