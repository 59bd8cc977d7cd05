import {CronPattern} from 'croner';
import {daysInMonth, scheduleYears} from '../../time/civil-calendar.js';
import {dayBit, firstDays, monthMaskMatcher} from './month-mask-search.js';
import type {WallMatcher} from './wall-matcher.js';

const indexes = (flags: readonly number[], offset = 0) => flags.flatMap((flag, index) => (flag ? [index + offset] : []));
/** croner's weekday-position bits: 1st..5th, and 32 for the last. */
const positionBits = [1, 2, 4, 8, 16];
const lastPosition = 32;

/**
 * A croner pattern's matches on wall times. croner 11 parses the pattern (so its syntax and meaning are
 * croner's: `?` is `*`, L, W, #, +, day-of-month OR day-of-week unless `+` or `domAndDow`), and the search
 * is the month-mask one: croner's own nextRun walks field by field and costs ~200 µs for `30 16 * * 1-5`.
 * Time zones and DST are src/core/triggers/wall-clock-schedule.ts's job, the same for every style.
 */
export function cronWallMatcher(pattern: string, domAndDow: boolean): WallMatcher {
	// A matcher depends only on its pattern: thousands of jobs share a few dozen (croner's parse is ~0.2 ms).
	const key = `${domAndDow ? '&' : '|'}${pattern}`;
	let matcher = matchers.get(key);
	if (!matcher) {
		matcher = buildMatcher(pattern, domAndDow);
		if (matchers.size >= maxCachedMatchers) {
			matchers.delete(matchers.keys().next().value!);
		}

		matchers.set(key, matcher);
	}

	return matcher;
}

/** Matchers built so far, by pattern; the oldest leave past this many. */
const maxCachedMatchers = 2000;
const matchers = new Map<string, WallMatcher>();

function buildMatcher(pattern: string, domAndDow: boolean): WallMatcher {
	const parsed = new CronPattern(pattern);
	const years = parsed.starYear
		? Array.from({length: scheduleYears.last - scheduleYears.first + 1}, (_, i) => scheduleYears.first + i)
		: indexes(parsed.year).filter(year => year >= scheduleYears.first && year <= scheduleYears.last);
	const dayNumbers = parsed.day.reduce((mask, flag, index) => (flag ? mask | dayBit(index + 1) : mask), 0);
	const nearest = indexes(parsed.nearestWeekdays, 1);

	/** The weekday (0 = Sunday) of a day, croner's numbering. */
	const weekday = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day)).getUTCDay();

	// croner's CronDate._matchDayValue, one month at a time.
	function dayMask(year: number, month: number): number {
		const length = daysInMonth(year, month);
		let dom = dayNumbers & firstDays(length);
		for (const day of nearest) {
			// W: the weekday nearest the day, within the month.
			if (day > length) {
				continue;
			}

			const dayOfWeek = weekday(year, month, day);
			if (dayOfWeek === 0) {
				dom |= dayBit(day === length ? day - 2 : day + 1);
			} else if (dayOfWeek === 6) {
				dom |= dayBit(day === 1 ? day + 2 : day - 1);
			} else {
				dom |= dayBit(day);
			}
		}

		if (parsed.lastWeekday) {
			const last = weekday(year, month, length);
			dom |= dayBit(last === 0 ? length - 2 : (last === 6 ? length - 1 : length));
		}

		if (parsed.lastDayOfMonth) {
			dom |= dayBit(length);
		}

		if (parsed.starDOW) {
			return dom;
		}

		const firstWeekday = weekday(year, month, 1);
		let dow = 0;
		for (let day = 1; day <= length; day++) {
			const flags = parsed.dayOfWeek[(firstWeekday + day - 1) % 7] ?? 0;
			const position = Math.floor((day - 1) / 7);
			if ((flags & positionBits[position]!) !== 0 || ((flags & lastPosition) !== 0 && day + 7 > length)) {
				dow |= dayBit(day);
			}
		}

		return !parsed.useAndLogic && !domAndDow && !parsed.starDOM ? dom | dow : dom & dow;
	}

	return monthMaskMatcher({
		years,
		months: indexes(parsed.month, 1),
		dayMask,
		hours: indexes(parsed.hour),
		minutes: indexes(parsed.minute),
		seconds: indexes(parsed.second),
	});
}
