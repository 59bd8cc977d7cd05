import {useMemo} from 'react';
import {TradingCalendar, type CalendarData} from '../../market/trading-calendar.js';

/**
 * The trading calendar the console shows the market by: the scheduler's, from its snapshot, so a
 * reload of config/calendar.yaml reaches the header (a new calendar is a new object in the snapshot);
 * `own`, the one this console read at start, only for a scheduler whose snapshot carries none. With
 * neither (an old scheduler, and a local calendar.yaml that does not read), none: the header then
 * leaves the market out rather than guess a day.
 */
export function useSchedulerCalendar(days: CalendarData | undefined, own: TradingCalendar | undefined): TradingCalendar | undefined {
	return useMemo(() => (days ? new TradingCalendar(days) : own), [days, own]);
}
