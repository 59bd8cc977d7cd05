import {zonedDate} from '../time/zoned-time.js';
import {exchangeTimeZone, type TradingCalendar} from './trading-calendar.js';

/**
 * What the operator should know about the calendar's data at `now`: this year missing (trading days
 * fall back to weekdays), or, in December, next year's closures not loaded yet for calendar-aware jobs.
 */
export function calendarWarning(calendar: TradingCalendar, now: number, jobsUseCalendar: boolean): string | undefined {
	const today = zonedDate(now, exchangeTimeZone);
	const year = Number(today.slice(0, 4));
	if (!calendar.hasDataFor(year)) {
		return `no exchange closures for ${year}: trading days fall back to weekdays`;
	}

	if (jobsUseCalendar && Number(today.slice(5, 7)) === 12 && !calendar.hasDataFor(year + 1)) {
		return `${year + 1} closures not loaded yet: add them to config/calendar.yaml when the notice is out`;
	}

	return undefined;
}
