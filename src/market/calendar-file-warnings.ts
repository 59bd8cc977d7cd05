/**
 * What calendar.yaml says that it likely does not mean, as warnings for `validate` and the scheduler's
 * log: a `years:` entry that leaves out shipped closures (calendar-year-overrides.ts), and `open_days`
 * on a weekend, which weekends being always closed ignores (a make-up Saturday is no trading day):
 * it was counted among the open days and said nothing.
 */
import {weekdayOf} from '../time/zoned-time.js';
import {yearOverrideWarnings} from './calendar-year-overrides.js';
import {shippedCalendarData} from './shipped-calendar.js';
import type {CalendarData} from './trading-calendar.js';

const weekendNames = ['Sat', 'Sun'];

export function calendarFileWarnings(data: Pick<CalendarData, 'closedWeekdays' | 'extraOpenDays'>): string[] {
	const weekendOpenDays = (data.extraOpenDays ?? []).filter(day => weekdayOf(day) >= 5);
	const weekendWarning = weekendOpenDays.length === 0
		? []
		: [`open_days: ${weekendOpenDays.map(day => `${day} (${weekendNames[weekdayOf(day) - 5]!})`).join(', ')} ${weekendOpenDays.length === 1 ? 'is a weekend day' : 'are weekend days'}, always closed (a make-up Saturday is no trading day): ignored`];
	return [...yearOverrideWarnings(data.closedWeekdays, shippedCalendarData()), ...weekendWarning];
}
