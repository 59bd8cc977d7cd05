import {wallFields, wallRangeEnd, wallRangeStart} from '../../time/civil-calendar.js';
import type {WallMatcher} from './wall-matcher.js';

/** A schedule's fields as a search needs them: the days of each month as a mask, the rest as sorted lists. */
export type MonthMaskFields = {
	/** Sorted, within the schedule years. */
	years: readonly number[];
	/** Sorted, 1-12. */
	months: readonly number[];
	/** Bit d-1 set when day d of that month matches (31 bits). */
	dayMask(year: number, month: number): number;
	hours: readonly number[];
	minutes: readonly number[];
	seconds: readonly number[];
};

export const dayBit = (day: number) => 1 << (day - 1);
/** Days 1..count as a mask. */
export const firstDays = (count: number) => (count >= 31 ? 0x7F_FF_FF_FF : (1 << count) - 1);

function atOrAbove(values: readonly number[], from: number): number | undefined {
	for (const value of values) {
		if (value >= from) {
			return value;
		}
	}

	return undefined;
}

/**
 * The next matching wall time, searched month by month: a month's matching days are one mask, so a
 * search through every schedule year is at most 2,760 masks. That bound is also the proof that a
 * field set which never matches (day 31 of February, week 53 in June) never fires; the answer is kept,
 * so such a schedule pays for the proof once.
 */
export function monthMaskMatcher(fields: MonthMaskFields): WallMatcher {
	const {years, months, hours, minutes, seconds} = fields;

	/** First time of day at or after h:m:s, as [h, m, s], or undefined. */
	function timeAtOrAfter(hour: number, minute: number, second: number): [number, number, number] | undefined {
		for (const h of hours) {
			if (h < hour) {
				continue;
			}

			for (const m of minutes) {
				if (h === hour && m < minute) {
					continue;
				}

				const s = atOrAbove(seconds, h === hour && m === minute ? second : 0);
				if (s !== undefined) {
					return [h, m, s];
				}
			}
		}

		return undefined;
	}

	// A search asks for the same month again and again (every fire of a 5-minute job): keep the last one.
	let cachedMonth = -1;
	let cachedMask = 0;
	const dayMask = (year: number, month: number) => {
		const key = (year * 12) + month;
		if (key !== cachedMonth) {
			cachedMask = fields.dayMask(year, month);
			cachedMonth = key;
		}

		return cachedMask;
	};

	/** Index of the first year >= `year` (years are sorted). */
	const firstYearIndex = (year: number) => {
		let low = 0;
		let high = years.length;
		while (low < high) {
			const mid = (low + high) >> 1;
			if (years[mid]! < year) {
				low = mid + 1;
			} else {
				high = mid;
			}
		}

		return low;
	};

	const empty = hours.length === 0 || minutes.length === 0 || seconds.length === 0;
	const earliest: [number, number, number] = [hours[0] ?? 0, minutes[0] ?? 0, seconds[0] ?? 0];
	let neverFrom = empty ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
	return {
		nextAfter(wall) {
			if (wall >= neverFrom) {
				return undefined;
			}

			const start = Math.max((Math.floor(wall / 1000) * 1000) + 1000, wallRangeStart);
			const from = wallFields(start);
			for (let index = firstYearIndex(from.year); index < years.length; index++) {
				const year = years[index]!;
				for (const month of months) {
					if (year === from.year && month < from.month) {
						continue;
					}

					let mask = dayMask(year, month);
					if (year === from.year && month === from.month) {
						if ((mask & dayBit(from.day)) !== 0) {
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
