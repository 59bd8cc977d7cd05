import {daysInMonth, isoWeekNumber, isoWeeksInYear, isoWeekday} from '../../time/civil-calendar.js';
import type {ApsCronSpec} from './aps-cron-spec.js';
import {dayBit, firstDays, monthMaskMatcher} from './month-mask-search.js';
import type {WallMatcher} from './wall-matcher.js';

/**
 * APScheduler CronTrigger's meaning: every field must match (`day` and `day_of_week` combine with AND;
 * `week` is the ISO week), so a month's matching days are the `day` days, masked by the weekdays and
 * by the ISO weeks asked for.
 */
export function apsWallMatcher(spec: ApsCronSpec): WallMatcher {
	const weekdaySet = new Set(spec.weekdays);
	// For each weekday of the 1st (0 = Monday), which days of a 31-day month fall on an allowed weekday.
	const weekdayMasks = Array.from({length: 7}, (_, firstWeekday) => {
		let mask = 0;
		for (let day = 1; day <= 31; day++) {
			if (weekdaySet.has((firstWeekday + day - 1) % 7)) {
				mask |= dayBit(day);
			}
		}

		return mask;
	});
	const numberMask = spec.days.numbers.reduce((mask, day) => mask | dayBit(day), 0);
	const weekSet = spec.weeks ? new Set(spec.weeks) : undefined;

	function dayMask(year: number, month: number): number {
		const length = daysInMonth(year, month);
		const firstWeekday = isoWeekday(year, month, 1);
		let mask = spec.days.all ? firstDays(length) : numberMask & firstDays(length);
		if (spec.days.last) {
			mask |= dayBit(length);
		}

		// APScheduler's WeekdayPositionExpression: the nth (or last) given weekday of the month.
		for (const {weekday, ordinal} of spec.days.positions) {
			let first = weekday - firstWeekday + 1;
			if (first <= 0) {
				first += 7;
			}

			const day = ordinal > 0 ? first + ((ordinal - 1) * 7) : first + (Math.floor((length - first) / 7) * 7);
			if (day <= length) {
				mask |= dayBit(day);
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
					weeks |= dayBit(day);
				}
			}

			mask &= weeks;
		}

		return mask;
	}

	return monthMaskMatcher({years: spec.years, months: spec.months, dayMask, hours: spec.hours, minutes: spec.minutes, seconds: spec.seconds});
}
