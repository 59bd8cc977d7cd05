import {dayLabel} from '../market/market-outlook.js';
import {exchangeTimeZone} from '../market/trading-calendar.js';
import {msPerDay} from '../time/civil-calendar.js';
import {wallTimeAt} from '../time/zoned-time.js';

/**
 * The day of an instant on the console's clock (the exchange's zone, as the header shows it), as a
 * number of days since 1970-01-01 there: two lines are of the same day when their numbers are equal.
 */
export function dayNumberOf(time: number): number {
	return Math.floor(wallTimeAt(time, exchangeTimeZone) / msPerDay);
}

/** `Tue 8 Dec` for a day number of dayNumberOf. */
export function dayName(day: number): string {
	return dayLabel(new Date(day * msPerDay).toISOString().slice(0, 10));
}

/** The separator row's text that goes before the first line of a day: `── Tue 8 Dec ──`. */
export function daySeparatorText(day: number): string {
	return `── ${dayName(day)} ──`;
}
