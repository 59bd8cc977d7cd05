import type {JobDefinition} from '../../core/job-definition.js';
import {exchangeTimeZone, type TradingCalendar} from '../../market/trading-calendar.js';
import {zonedDate} from '../../time/zoned-time.js';

/** Whether the job's fire times depend on the exchange's trading days. */
export function goesByTradingCalendar(job: JobDefinition): boolean {
	return job.calendar !== undefined || job.tradingDayOfMonth !== undefined || job.tradingDayOfWeek !== undefined;
}

/**
 * The years (on the exchange's clock) of a calendar-aware job's `times` that have no exchange closures
 * loaded: there every weekday counts as a trading day, so a holiday such as 1 January shows as a fire.
 */
export function yearsWithoutClosures(job: JobDefinition, times: readonly Date[], calendar: TradingCalendar): number[] {
	if (!goesByTradingCalendar(job)) {
		return [];
	}

	const years = new Set(times.map(time => Number(zonedDate(time, exchangeTimeZone).slice(0, 4))));
	return [...years].filter(year => !calendar.hasDataFor(year)).sort((a, b) => a - b);
}

/** The note under `list`'s table for those years. */
export function unloadedClosuresNote(mark: string, years: readonly number[]): string {
	const named = years.length === 1 ? String(years[0]) : `${years.slice(0, -1).join(', ')} and ${years.at(-1)!}`;
	return `${mark} a trading-calendar job's time in ${named}, for which no exchange closures are loaded: every weekday counts as a trading day there (holidays included) until they are added to config/calendar.yaml`;
}
