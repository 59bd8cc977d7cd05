import {exchangeTimeZone, type TradingCalendar} from '../../market/trading-calendar.js';
import {addDays, zonedDate, zonedInstant, zonedParts} from '../../time/zoned-time.js';
import type {JobDefinition, TimeWindow} from '../job-definition.js';
import {baseSchedule, type Schedule} from './base-schedule.js';

/** Upper bound on filter steps for one `next` call: a year of 5-minute slots skipped day by day stays far below. */
const maxSteps = 5000;

type DayVerdict = 'ok' | 'skip-day';

function dayVerdict(job: JobDefinition, ymd: string, calendar: TradingCalendar): DayVerdict {
	const trading = calendar.isTradingDay(ymd);
	if (job.calendar === 'trading-days' && !trading) {
		return 'skip-day';
	}

	if (job.calendar === 'non-trading-days' && trading) {
		return 'skip-day';
	}

	if (job.tradingDayOfMonth !== undefined) {
		const position = calendar.positionInMonth(ymd);
		if (!(job.tradingDayOfMonth === 1 ? position.first : position.last)) {
			return 'skip-day';
		}
	}

	if (job.tradingDayOfWeek !== undefined) {
		const position = calendar.positionInWeek(ymd);
		if (!(job.tradingDayOfWeek === 1 ? position.first : position.last)) {
			return 'skip-day';
		}
	}

	return 'ok';
}

/** Windows are inclusive at both ends: `09:30-11:30` includes the 11:30 fire. */
function windowStartAfter(windows: readonly TimeWindow[], minuteOfDay: number, secondOfMinute: number): number | 'inside' | 'none' {
	for (const window of windows) {
		const inside = minuteOfDay >= window.startMinute
			&& (minuteOfDay < window.endMinute || (minuteOfDay === window.endMinute && secondOfMinute === 0));
		if (inside) {
			return 'inside';
		}

		if (minuteOfDay < window.startMinute) {
			return window.startMinute;
		}
	}

	return 'none';
}

const needsCalendar = (job: JobDefinition) =>
	job.calendar !== undefined || job.tradingDayOfMonth !== undefined || job.tradingDayOfWeek !== undefined;

/**
 * A job's real fire times: its trigger, then the trading calendar and time windows.
 * Day filters use the exchange's date (Asia/Shanghai); windows use the job's time zone.
 */
export function jobSchedule(job: JobDefinition, calendar: TradingCalendar, intervalAnchor: Date): Schedule {
	const base = baseSchedule(job.trigger, job.timezone, intervalAnchor);
	if (!needsCalendar(job) && !job.windows) {
		return base;
	}

	const windows = job.windows ? [...job.windows].sort((a, b) => a.startMinute - b.startMinute) : undefined;
	return {
		next(after) {
			let candidate = base.next(after);
			for (let step = 0; candidate && step < maxSteps; step++) {
				const exchangeDay = zonedDate(candidate, exchangeTimeZone);
				if (needsCalendar(job) && dayVerdict(job, exchangeDay, calendar) === 'skip-day') {
					const nextDayStart = zonedInstant(addDays(exchangeDay, 1), exchangeTimeZone);
					candidate = base.next(new Date(nextDayStart.getTime() - 1));
					continue;
				}

				if (!windows) {
					return candidate;
				}

				const local = zonedParts(candidate, job.timezone);
				const verdict = windowStartAfter(windows, (local.hour * 60) + local.minute, local.second);
				if (verdict === 'inside') {
					return candidate;
				}

				const localDay = zonedDate(candidate, job.timezone);
				const resumeAt = verdict === 'none'
					? zonedInstant(addDays(localDay, 1), job.timezone)
					: zonedInstant(localDay, job.timezone, Math.floor(verdict / 60), verdict % 60);
				candidate = base.next(new Date(resumeAt.getTime() - 1));
			}

			return undefined;
		},
	};
}

/** The next `count` fire times after `from`. */
export function nextFireTimes(schedule: Schedule, from: Date, count: number): Date[] {
	const times: Date[] = [];
	let cursor = from;
	while (times.length < count) {
		const next = schedule.next(cursor);
		if (!next) {
			break;
		}

		times.push(next);
		cursor = next;
	}

	return times;
}
