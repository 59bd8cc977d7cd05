import {loadCalendarConfig} from '../config/load-calendar-config.js';
import {createTradingCalendar} from '../market/shipped-calendar.js';
import type {TradingCalendar} from '../market/trading-calendar.js';
import type {AppPaths} from './paths.js';

/** The shipped exchange closures, extended by config/calendar.yaml when there is one. */
export function loadCalendar(paths: AppPaths): TradingCalendar {
	return createTradingCalendar(loadCalendarConfig(paths.calendarFile));
}
