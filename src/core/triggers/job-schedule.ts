import {exchangeTimeZone, type TradingCalendar} from '../../market/trading-calendar.js';
import {msPerDay} from '../../time/civil-calendar.js';
import {zoneRules} from '../../time/zone-rules.js';
import {addDays, wallToInstant} from '../../time/zoned-time.js';
import type {JobDefinition, TimeWindow} from '../job-definition.js';
import {baseSchedule, type Schedule} from './base-schedule.js';

/**
 * A safety net for one `next` call, never reached: the base schedule ends in 2199 and every step moves
 * on by a day or to a window's start (at most ~250,000 steps to 2199). Not a search horizon: before it
 * was one (5,000 steps), a schedule whose first day came 20 years on (a weekday job on non-trading days,
 * counted from before the calendar data) was wrongly called "never".
 */
const safetySteps = 1_000_000;

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

/** The next exchange day worth trying after a day the filters turned down. */
function nextDayToTry(job: JobDefinition, ymd: string, calendar: TradingCalendar): string {
	const next = addDays(ymd, 1);
	if (job.calendar === 'non-trading-days') {
		// Weekends never trade, so one comes within a week.
		let day = next;
		for (let i = 0; i < 7 && calendar.isTradingDay(day); i++) {
			day = addDays(day, 1);
		}

		return day;
	}

	// Every other day filter wants a trading day.
	return calendar.onOrAfter(next) ?? next;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** `YYYY-MM-DD` of a wall day number (days since 1970-01-01). */
function ymdOf(dayNumber: number): string {
	const d = new Date(dayNumber * msPerDay);
	return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

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
	const exchange = zoneRules(exchangeTimeZone);
	const local = zoneRules(job.timezone);
	// The fire path asks about the same exchange day again and again (a 5-minute job): keep the last verdict.
	let verdictDay = Number.NaN;
	let verdict: DayVerdict = 'ok';
	// Once a call finds nothing, nothing comes after it either: later calls answer at once.
	let neverFrom = Number.POSITIVE_INFINITY;
	return {
		next(after) {
			if (after.getTime() >= neverFrom) {
				return undefined;
			}

			let candidate = base.next(after);
			for (let step = 0; candidate && step < safetySteps; step++) {
				const at = candidate.getTime();
				if (needsCalendar(job)) {
					const exchangeDay = Math.floor((at + exchange.offsetAt(at)) / msPerDay);
					if (exchangeDay !== verdictDay) {
						verdict = dayVerdict(job, ymdOf(exchangeDay), calendar);
						verdictDay = exchangeDay;
					}

					if (verdict === 'skip-day') {
						const [y, m, d] = nextDayToTry(job, ymdOf(exchangeDay), calendar).split('-').map(Number) as [number, number, number];
						candidate = base.next(new Date(wallToInstant(Date.UTC(y, m - 1, d), exchangeTimeZone) - 1));
						continue;
					}
				}

				if (!windows) {
					return candidate;
				}

				const wall = at + local.offsetAt(at);
				const dayStart = Math.floor(wall / msPerDay) * msPerDay;
				const minuteOfDay = Math.floor((wall - dayStart) / 60_000);
				const windowVerdict = windowStartAfter(windows, minuteOfDay, Math.floor((wall % 60_000) / 1000));
				if (windowVerdict === 'inside') {
					return candidate;
				}

				const resumeWall = windowVerdict === 'none' ? dayStart + msPerDay : dayStart + (windowVerdict * 60_000);
				candidate = base.next(new Date(wallToInstant(resumeWall, job.timezone) - 1));
			}

			if (!candidate) {
				neverFrom = Math.min(neverFrom, after.getTime());
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
