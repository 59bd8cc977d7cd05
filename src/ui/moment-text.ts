import {exchangeTimeZone} from '../market/trading-calendar.js';
import {zonedClock, zonedDate} from '../time/zoned-time.js';
import {dayNumberOf, yearOfDay} from './log-days.js';

/**
 * A moment that may be of an earlier day (a service's last exit, when the scheduler went, when a worker
 * was last heard) in the console's zone (`timeZone`, the scheduler's): `10:14:21` when it is of `today`
 * (a day number there, log-days.ts), `12-07 10:14:21` when not, as the jobs panel's LAST gives another
 * day's run its day, and `2026-12-31 23:59:58` when of another year (seen on 1 Jan, `12-31` would read
 * as this December's).
 * A day number rather than the time, so a panel given it redraws at midnight, not every second.
 */
export function momentText(at: number, today: number, timeZone = exchangeTimeZone): string {
	const clock = zonedClock(at, timeZone);
	const day = dayNumberOf(at, timeZone);
	if (day === today) {
		return clock;
	}

	const date = zonedDate(at, timeZone);
	return `${yearOfDay(day) === yearOfDay(today) ? date.slice(5) : date} ${clock}`;
}
