/**
 * When a service should be up, and when that next changes. Calendar-aware: a window with the trading
 * calendar exists only on trading days, so an exchange holiday has none, and the next one after a long
 * closure (Spring Festival) is found across it.
 */
import type {TradingCalendar} from '../market/trading-calendar.js';
import {addDays, zonedDate, zonedInstant} from '../time/zoned-time.js';
import type {DayRange, ServiceWindow} from './service-definition.js';

export type WindowState =
	| {inside: true; /** When this window opened. */ openedAt: number; /** When it closes; undefined: never (`always`). */ closesAt?: number}
	| {inside: false; /** When the next window opens; undefined: none within a year. */ opensAt?: number};

/** Days looked ahead for the next window: past the longest closure, with room for a calendar without next year's data. */
const searchDays = 400;
const dayMs = 86_400_000;

function instantOf(day: string, ms: number, timezone: string): number {
	const hour = Math.floor(ms / 3_600_000);
	const minute = Math.floor(ms / 60_000) % 60;
	const second = Math.floor(ms / 1000) % 60;
	return zonedInstant(day, timezone, hour, minute, second).getTime() + (ms % 1000);
}

/** Each window instance, in order, from the day of `from` on. */
function* windowsFrom(window: Extract<ServiceWindow, {kind: 'daily'}>, from: number, calendar: TradingCalendar): Generator<{opensAt: number; closesAt: number}> {
	const first = zonedDate(from, window.timezone);
	const ranges: DayRange[] = [...window.ranges].sort((a, b) => a.startMs - b.startMs);
	for (let index = 0; index < searchDays; index++) {
		const day = addDays(first, index);
		if (window.tradingDaysOnly && !calendar.isTradingDay(day)) {
			continue;
		}

		for (const range of ranges) {
			yield {opensAt: instantOf(day, range.startMs, window.timezone), closesAt: instantOf(day, range.endMs, window.timezone)};
		}
	}
}

/** Where `now` stands in the window: inside (since when, until when) or outside (until when). */
export function windowAt(window: ServiceWindow, now: number, calendar: TradingCalendar): WindowState {
	if (window.kind === 'always') {
		return {inside: true, openedAt: Number.NEGATIVE_INFINITY};
	}

	let current: {opensAt: number; closesAt: number} | undefined;
	/** The window (ranges merged) that ended last, up to `now`: one that ends as the next begins is the same window. */
	let earlier: {opensAt: number; closesAt: number} | undefined;
	// From the day before, so that a window across midnight (22:00-24:00 then 00:00-02:00) opened yesterday.
	for (const instance of windowsFrom(window, now - dayMs, calendar)) {
		if (current) {
			// Ranges that touch (11:30-13:00 then 13:00-15:00) are one window: no stop and start between them.
			if (instance.opensAt > current.closesAt) {
				break;
			}

			current.closesAt = Math.max(current.closesAt, instance.closesAt);
			continue;
		}

		if (instance.closesAt <= now) {
			earlier = earlier && instance.opensAt <= earlier.closesAt ? {opensAt: earlier.opensAt, closesAt: Math.max(earlier.closesAt, instance.closesAt)} : {...instance};
			continue;
		}

		if (instance.opensAt > now) {
			return {inside: false, opensAt: instance.opensAt};
		}

		current = {...instance, opensAt: earlier && instance.opensAt <= earlier.closesAt ? earlier.opensAt : instance.opensAt};
	}

	return current ? {inside: true, openedAt: current.opensAt, closesAt: current.closesAt} : {inside: false};
}

/** The next instant the window opens or closes after `now`; undefined when it never changes. */
export function nextWindowEdge(window: ServiceWindow, now: number, calendar: TradingCalendar): number | undefined {
	const state = windowAt(window, now, calendar);
	return state.inside ? state.closesAt : state.opensAt;
}

const clockText = (ms: number) => `${String(Math.floor(ms / 3_600_000)).padStart(2, '0')}:${String(Math.floor(ms / 60_000) % 60).padStart(2, '0')}${ms % 60_000 === 0 ? '' : `:${String(Math.floor(ms / 1000) % 60).padStart(2, '0')}`}`;

/**
 * "always", "09:10–15:05 · trading days", "08:00–20:00 · every day"; a window in a zone other than the
 * root's (`rootZone`) names it, so its times are not read as the root's: "20:15–20:16 · every day · America/New_York".
 */
export function describeWindow(window: ServiceWindow, rootZone?: string): string {
	if (window.kind === 'always') {
		return 'always';
	}

	const ranges = window.ranges.map(range => `${clockText(range.startMs)}–${clockText(range.endMs)}`).join(', ');
	const zone = rootZone !== undefined && window.timezone !== rootZone ? ` · ${window.timezone}` : '';
	return `${window.text === 'trading-session' ? 'session ' : ''}${ranges} · ${window.tradingDaysOnly ? 'trading days' : 'every day'}${zone}`;
}
