/**
 * Proleptic Gregorian calendar arithmetic on "wall" times: a local date and time held as the number of
 * milliseconds Date.UTC would give for it. No time zone is involved here; src/time/zone-rules.ts maps
 * wall times to instants.
 */

export const msPerDay = 86_400_000;

/**
 * The years a schedule may fire in. Both ends are inclusive. 1970 is APScheduler's own minimum; 2199
 * keeps every search for a next fire time (and every proof that there is none) short, and is far past
 * any date a trading box plans for.
 */
export const scheduleYears = {first: 1970, last: 2199} as const;

/** First wall millisecond of `scheduleYears.first` and the first one after `scheduleYears.last`. */
export const wallRangeStart = Date.UTC(scheduleYears.first, 0, 1);
export const wallRangeEnd = Date.UTC(scheduleYears.last + 1, 0, 1);

/**
 * The wall time of a date and time's fields, as Date.UTC numbers it, except that years 0-99 are those
 * years (Date.UTC reads them as 1900-1999). Fields past their range roll over, as in Date.UTC, within
 * the year given: setUTCFullYear takes the year as it is. (Rolled over in leap year 2000 and moved to
 * the year after, a day before 1 March 2027 was 29 February, which is 1 March: addDays('2027-03-01', -1)
 * gave 2027-03-01, and the first trading day of March 2027 was never found.)
 */
export function wallMs(year: number, monthIndex: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
	const date = new Date(0);
	date.setUTCFullYear(year, monthIndex, day);
	date.setUTCHours(hour, minute, second, ms);
	return date.getTime();
}

export function isLeapYear(year: number): boolean {
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month, `month` 1-12. */
export function daysInMonth(year: number, month: number): number {
	return month === 2 && isLeapYear(year) ? 29 : monthLengths[month - 1]!;
}

/** 0 = Monday … 6 = Sunday (ISO order, as APScheduler's `day_of_week`). */
export function isoWeekday(year: number, month: number, day: number): number {
	return (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
}

/** ISO 8601: a year has 53 weeks when it starts on a Thursday, or is a leap year starting on a Wednesday. */
export function isoWeeksInYear(year: number): number {
	const jan1 = isoWeekday(year, 1, 1);
	return jan1 === 3 || (jan1 === 2 && isLeapYear(year)) ? 53 : 52;
}

function dayOfYear(year: number, month: number, day: number): number {
	return Math.round((Date.UTC(year, month - 1, day) - Date.UTC(year, 0, 1)) / msPerDay) + 1;
}

/** ISO 8601 week number (1-53) of a date; days early in January may belong to the last week of the year before. */
export function isoWeekNumber(year: number, month: number, day: number): number {
	const week = Math.floor((dayOfYear(year, month, day) - (isoWeekday(year, month, day) + 1) + 10) / 7);
	if (week < 1) {
		return isoWeeksInYear(year - 1);
	}

	return week > isoWeeksInYear(year) ? 1 : week;
}

export type WallFields = {year: number; month: number; day: number; hour: number; minute: number; second: number; ms: number};

export function wallFields(wall: number): WallFields {
	const d = new Date(wall);
	return {
		year: d.getUTCFullYear(),
		month: d.getUTCMonth() + 1,
		day: d.getUTCDate(),
		hour: d.getUTCHours(),
		minute: d.getUTCMinutes(),
		second: d.getUTCSeconds(),
		ms: d.getUTCMilliseconds(),
	};
}

/** A wall time from its fields; undefined when they do not name a real date and time (February 30th, 24:00). */
export function wallOf(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number | undefined {
	const valid = Number.isInteger(year) && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
		&& hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59 && ms >= 0 && ms <= 999;
	if (!valid) {
		return undefined;
	}

	// Date.UTC reads years 0-99 as 1900-1999; setUTCFullYear does not.
	const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, ms));
	date.setUTCFullYear(year);
	return date.getTime();
}
