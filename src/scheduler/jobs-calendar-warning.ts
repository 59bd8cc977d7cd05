/**
 * The calendar warning the header and the start's log show (market/calendar-warning.ts), asked with
 * whether any job goes by the trading calendar.
 */
import {calendarWarning} from '../market/calendar-warning.js';
import type {SchedulerState} from './scheduler-state.js';

export function jobsCalendarWarning(state: Pick<SchedulerState, 'config' | 'calendar'>, now: number): string | undefined {
	const usesCalendar = state.config.jobs.some(job => job.calendar || job.tradingDayOfMonth || job.tradingDayOfWeek);
	return calendarWarning(state.calendar, now, usesCalendar);
}
