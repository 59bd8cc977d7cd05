import {addDays, weekdayOf, zonedDate, zonedInstant, zonedParts} from '../time/zoned-time.js';
import {marketPhase, type MarketPhase} from './market-session.js';
import {exchangeTimeZone, type TradingCalendar} from './trading-calendar.js';

/** The exchange's session boundaries of a trading day, in order (Shanghai wall clock). */
const boundaries = [
	{hour: 9, minute: 15, what: 'opens'},
	{hour: 9, minute: 30, what: 'trading'},
	{hour: 11, minute: 30, what: 'lunch'},
	{hour: 13, minute: 0, what: 'resumes'},
	{hour: 14, minute: 57, what: 'closing auction'},
	{hour: 15, minute: 0, what: 'closes'},
] as const;

export type MarketOutlook = {
	phase: MarketPhase;
	/** Today (in Shanghai) is a trading day. */
	tradingDay: boolean;
	/** The next session boundary: what happens and when (epoch ms). */
	next?: {what: string; at: number; day: string};
	/** The next trading day after today, when today has no session left. */
	nextTradingDay?: string;
};

/**
 * Where the market stands and what comes next: "opens 09:15" before the open of a trading day,
 * "lunch 11:30" in the morning session, the next trading day's open after the close, and on a
 * holiday or weekend the next trading day. A header counts down to `next.at`.
 */
export function marketOutlook(instant: number, calendar: TradingCalendar): MarketOutlook {
	const phase = marketPhase(instant, calendar);
	const today = zonedDate(instant, exchangeTimeZone);
	const tradingDay = calendar.isTradingDay(today);
	if (tradingDay) {
		for (const boundary of boundaries) {
			const at = zonedInstant(today, exchangeTimeZone, boundary.hour, boundary.minute).getTime();
			// The call auction's end (09:25) is no boundary an operator waits for: 09:30 is.
			if (at > instant) {
				return {phase, tradingDay, next: {what: boundary.what, at, day: today}};
			}
		}
	}

	const nextTradingDay = calendar.onOrAfter(addDays(today, 1));
	const next = nextTradingDay ? {what: 'opens', at: zonedInstant(nextTradingDay, exchangeTimeZone, 9, 15).getTime(), day: nextTradingDay} : undefined;
	return {phase, tradingDay, next, nextTradingDay};
}

const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Mon 7 Dec` for `2026-12-07`. */
export function dayLabel(ymd: string): string {
	return `${weekdays[weekdayOf(ymd)]} ${Number(ymd.slice(8, 10))} ${months[Number(ymd.slice(5, 7)) - 1]}`;
}

/** `09:15` of an instant on the exchange's clock. */
export function exchangeTime(instant: number): string {
	const p = zonedParts(instant, exchangeTimeZone);
	return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}
