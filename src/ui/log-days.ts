import {dayLabel} from '../market/market-outlook.js';
import {exchangeTimeZone} from '../market/trading-calendar.js';
import {msPerDay} from '../time/civil-calendar.js';
import {wallTimeAt} from '../time/zoned-time.js';

/**
 * The day of an instant in the console's zone (the scheduler's, jobs.yaml's `timezone`: the day its
 * "today" counts in), as a number of days since 1970-01-01 there: two lines are of the same day when
 * their numbers are equal.
 * @param timeZone @default 'Asia/Shanghai' (jobs.yaml's default)
 */
export function dayNumberOf(time: number, timeZone = exchangeTimeZone): number {
	return Math.floor(wallTimeAt(time, timeZone) / msPerDay);
}

/** The calendar year of a day number of dayNumberOf. */
export function yearOfDay(day: number): number {
	return new Date(day * msPerDay).getUTCFullYear();
}

/**
 * `Tue 8 Dec` for a day number of dayNumberOf; `Thu 31 Dec 2026` when `today` (a day number too) is
 * in another year, so a day seen across New Year is not taken for one of this year.
 */
export function dayName(day: number, today = day): string {
	const name = dayLabel(new Date(day * msPerDay).toISOString().slice(0, 10));
	return yearOfDay(day) === yearOfDay(today) ? name : `${name} ${yearOfDay(day)}`;
}

/** The separator row's text that goes before the first line of a day: `── Tue 8 Dec ──` (dayName: with its year when not `today`'s). */
export function daySeparatorText(day: number, today = day): string {
	return `── ${dayName(day, today)} ──`;
}
