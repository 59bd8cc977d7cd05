import {zonedDate, zonedParts} from '../time/zoned-time.js';
import {exchangeTimeZone, type TradingCalendar} from './trading-calendar.js';

export type MarketPhase =
	| 'pre-open'
	| 'call-auction'
	| 'trading'
	| 'lunch-break'
	| 'closing-auction'
	| 'closed'
	| 'holiday'
	| 'weekend';

const minutes = (h: number, m: number) => (h * 60) + m;

/** Continuous trading sessions, minutes since midnight in Shanghai, end exclusive. */
export const continuousSessions = [
	{startMinute: minutes(9, 30), endMinute: minutes(11, 30)},
	{startMinute: minutes(13, 0), endMinute: minutes(14, 57)},
] as const;

/** Where the exchange's day stands at `instant`. */
export function marketPhase(instant: Date | number, calendar: TradingCalendar): MarketPhase {
	const day = zonedDate(instant, exchangeTimeZone);
	const p = zonedParts(instant, exchangeTimeZone);
	if (p.weekday >= 5) {
		return 'weekend';
	}

	if (!calendar.isTradingDay(day)) {
		return 'holiday';
	}

	const m = minutes(p.hour, p.minute);
	if (m < minutes(9, 15)) {
		return 'pre-open';
	}

	if (m < minutes(9, 25)) {
		return 'call-auction';
	}

	if (m < minutes(9, 30)) {
		return 'pre-open';
	}

	if (m < minutes(11, 30)) {
		return 'trading';
	}

	if (m < minutes(13, 0)) {
		return 'lunch-break';
	}

	if (m < minutes(14, 57)) {
		return 'trading';
	}

	if (m < minutes(15, 0)) {
		return 'closing-auction';
	}

	return 'closed';
}

/** The trading day an instant belongs to: that day when it is one, else the last trading day before it. */
export function tradeDateOf(instant: Date | number, calendar: TradingCalendar): string | undefined {
	return calendar.onOrBefore(zonedDate(instant, exchangeTimeZone));
}
