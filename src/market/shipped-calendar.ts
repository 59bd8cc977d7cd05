import closures from './sse-closures.json' with {type: 'json'};
import {TradingCalendar, type CalendarData} from './trading-calendar.js';

/** The closures shipped with sage-console (exchanges' annual notices), merged with the user's additions. */
export function shippedCalendarData(): CalendarData['closedWeekdays'] {
	return closures.closed_weekdays;
}

export function createTradingCalendar(user: Omit<CalendarData, 'closedWeekdays'> & {closedWeekdays?: CalendarData['closedWeekdays']} = {}): TradingCalendar {
	return new TradingCalendar({
		...user,
		closedWeekdays: {...shippedCalendarData(), ...user.closedWeekdays},
	});
}
