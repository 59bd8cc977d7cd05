import {exchangeTimeZone} from '../market/trading-calendar.js';
import {zonedClock, zonedDate} from '../time/zoned-time.js';
import {dayNumberOf} from './log-days.js';

/**
 * A moment that may be of an earlier day (a service's last exit, when the scheduler went, when a worker
 * was last heard) on the console's clock: `10:14:21` when it is of `today` (a day number, log-days.ts),
 * `12-07 10:14:21` when not, as the jobs panel's LAST gives another day's run its day. A day number
 * rather than the time, so a panel given it redraws at midnight, not every second.
 */
export function momentText(at: number, today: number): string {
	const clock = zonedClock(at, exchangeTimeZone);
	return dayNumberOf(at) === today ? clock : `${zonedDate(at, exchangeTimeZone).slice(5)} ${clock}`;
}
