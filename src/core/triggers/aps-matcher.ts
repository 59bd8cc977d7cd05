import {daysInMonth, isoWeekNumber, isoWeeksInYear, isoWeekday, wallFields, wallRangeEnd, wallRangeStart} from '../../time/civil-calendar.js';
import type {ApsCronSpec} from './aps-cron-spec.js';
import type {WallMatcher} from './wall-matcher.js';

const bit = (day: number) => 1 << (day - 1);
const firstDays = (count: number) => (count >= 31 ? 0x7F_FF_FF_FF : (1 << count) - 1);

/** The smallest value in a sorted list that is >= `from`, or undefined. */
function atOrAbove(values: readonly number[], from: number): number | undefined {
	for (const value of values) {
		if (value >= from) {
			return value;
		}
	}

	return undefined;
}

/**
 * APScheduler CronTrigger's meaning (every field must match; `day` and `day_of_week` combine with AND;
 * `week` is the ISO week), searched month by month: each month's matching days are one 31-bit mask, so
 * the search through every year the schedule allows is at most 2,760 masks. That bound is also the proof
 * that a field set which never matches (day 31 of February, a week 53 that never falls on the days
 * asked for) never fires.
 */
export function apsWallMatcher(spec: ApsCronSpec): WallMatcher {
	const weekdaySet = new Set(spec.weekdays);
	// For each weekday of the 1st, which days of a 31-day month fall on an allowed weekday.
	const weekdayMasks = Array.from({length: 7}, (_, firstWeekday) => {
		let mask = 0;
		for (let day = 1; day <= 31; day++) {
			if (weekdaySet.has((firstWeekday + day - 1) % 7)) {
				mask |= bit(day);
			}
		}

		return mask;
	});
	const numberMask = spec.days.numbers.reduce((mask, day) => mask | bit(day), 0);
	const weekSet = spec.weeks ? new Set(spec.weeks) : undefined;

	function dayMask(year: number, month: number): number {
		const length = daysInMonth(year, month);
		const firstWeekday = isoWeekday(year, month, 1);
		let mask = spec.days.all ? firstDays(length) : numberMask & firstDays(length);
		if (spec.days.last) {
			mask |= bit(length);
		}

		for (const {weekday, ordinal} of spec.days.positions) {
			let first = weekday - firstWeekday + 1;
			if (first <= 0) {
				first += 7;
			}

			const day = ordinal > 0 ? first + ((ordinal - 1) * 7) : first + (Math.floor((length - first) / 7) * 7);
			if (day <= length) {
				mask |= bit(day);
			}
		}

		mask &= weekdayMasks[firstWeekday]!;
		if (weekSet && mask !== 0) {
			let week = isoWeekNumber(year, month, 1);
			let weeks = 0;
			for (let day = 1; day <= length; day++) {
				if (day > 1 && (firstWeekday + day - 1) % 7 === 0) {
					// A Monday starts the next ISO week; the week it leaves belongs to last year in early January.
					const limit = month === 1 && week >= 52 ? isoWeeksInYear(year - 1) : isoWeeksInYear(year);
					week = week + 1 > limit ? 1 : week + 1;
				}

				if (weekSet.has(week)) {
					weeks |= bit(day);
				}
			}

			mask &= weeks;
		}

		return mask;
	}

	/** First time of day at or after h:m:s, as [h, m, s], or undefined. */
	function timeAtOrAfter(hour: number, minute: number, second: number): [number, number, number] | undefined {
		for (const h of spec.hours) {
			if (h < hour) {
				continue;
			}

			const fromMinute = h === hour ? minute : 0;
			for (const m of spec.minutes) {
				if (m < fromMinute) {
					continue;
				}

				const s = atOrAbove(spec.seconds, h === hour && m === minute ? second : 0);
				if (s !== undefined) {
					return [h, m, s];
				}
			}
		}

		return undefined;
	}

	const earliest: [number, number, number] = [spec.hours[0] ?? 0, spec.minutes[0] ?? 0, spec.seconds[0] ?? 0];
	let neverFrom = Number.POSITIVE_INFINITY;
	return {
		nextAfter(wall) {
			if (wall >= neverFrom || spec.hours.length === 0 || spec.minutes.length === 0 || spec.seconds.length === 0) {
				return undefined;
			}

			const start = Math.max((Math.floor(wall / 1000) * 1000) + 1000, wallRangeStart);
			const from = wallFields(start);
			for (const year of spec.years) {
				if (year < from.year) {
					continue;
				}

				for (const month of spec.months) {
					if (year === from.year && month < from.month) {
						continue;
					}

					const sameMonth = year === from.year && month === from.month;
					let mask = dayMask(year, month);
					if (sameMonth) {
						if ((mask & bit(from.day)) !== 0) {
							const time = timeAtOrAfter(from.hour, from.minute, from.second);
							if (time) {
								return Date.UTC(year, month - 1, from.day, ...time);
							}
						}

						mask &= ~firstDays(from.day);
					}

					if (mask !== 0) {
						const day = 32 - Math.clz32(mask & -mask);
						const result = Date.UTC(year, month - 1, day, ...earliest);
						return result < wallRangeEnd ? result : undefined;
					}
				}
			}

			neverFrom = Math.min(neverFrom, wall);
			return undefined;
		},
	};
}
