import {describe, expect, it} from 'vitest';
import {createTradingCalendar} from '../../src/market/shipped-calendar.js';
import type {ServiceWindow} from '../../src/supervisor/service-definition.js';
import {describeWindow, nextWindowEdge, windowAt} from '../../src/supervisor/service-window.js';

const calendar = createTradingCalendar();
const at = (text: string) => Date.parse(text);
const minutes = (hhmm: string) => {
	const [h, m] = hhmm.split(':').map(Number) as [number, number];
	return ((h * 60) + m) * 60_000;
};

/** 09:10–15:05 on trading days: the trading session with a 5-minute lead and lag. */
const session: ServiceWindow = {kind: 'daily', ranges: [{startMs: minutes('09:10'), endMs: minutes('15:05')}], timezone: 'Asia/Shanghai', tradingDaysOnly: true, text: 'trading-session'};

describe('service windows', () => {
	it('a trading session: before, inside (lunch included) and after on a trading day', () => {
		expect(windowAt(session, at('2026-11-20T09:09:59+08:00'), calendar)).toEqual({inside: false, opensAt: at('2026-11-20T09:10:00+08:00')});
		expect(windowAt(session, at('2026-11-20T09:10:00+08:00'), calendar)).toEqual({inside: true, openedAt: at('2026-11-20T09:10:00+08:00'), closesAt: at('2026-11-20T15:05:00+08:00')});
		expect(windowAt(session, at('2026-11-20T12:00:00+08:00'), calendar)).toMatchObject({inside: true});
		// Friday after the close: the next window is Monday's.
		expect(windowAt(session, at('2026-11-20T15:05:00+08:00'), calendar)).toEqual({inside: false, opensAt: at('2026-11-23T09:10:00+08:00')});
	});

	it('no window on an exchange holiday: the next one is found across the closure', () => {
		expect(windowAt(session, at('2026-10-01T10:00:00+08:00'), calendar)).toEqual({inside: false, opensAt: at('2026-10-08T09:10:00+08:00')});
		// Spring Festival 2026: closed 16–20 and 23 February.
		expect(nextWindowEdge(session, at('2026-02-13T16:00:00+08:00'), calendar)).toBe(at('2026-02-24T09:10:00+08:00'));
	});

	it('times every day, or on trading days only; ranges that touch are one window', () => {
		const everyDay: ServiceWindow = {kind: 'daily', ranges: [{startMs: minutes('08:00'), endMs: minutes('20:00')}], timezone: 'Asia/Shanghai', tradingDaysOnly: false, text: '08:00-20:00'};
		expect(windowAt(everyDay, at('2026-10-01T10:00:00+08:00'), calendar)).toMatchObject({inside: true, closesAt: at('2026-10-01T20:00:00+08:00')});
		expect(windowAt({...everyDay, tradingDaysOnly: true}, at('2026-10-01T10:00:00+08:00'), calendar)).toEqual({inside: false, opensAt: at('2026-10-08T08:00:00+08:00')});
		const touching: ServiceWindow = {...everyDay, ranges: [{startMs: minutes('13:00'), endMs: minutes('15:00')}, {startMs: minutes('09:30'), endMs: minutes('13:00')}]};
		expect(windowAt(touching, at('2026-11-20T10:00:00+08:00'), calendar)).toMatchObject({inside: true, closesAt: at('2026-11-20T15:00:00+08:00')});
		const lunch: ServiceWindow = {...everyDay, ranges: [{startMs: minutes('09:30'), endMs: minutes('11:30')}, {startMs: minutes('13:00'), endMs: minutes('15:00')}]};
		expect(windowAt(lunch, at('2026-11-20T12:00:00+08:00'), calendar)).toEqual({inside: false, opensAt: at('2026-11-20T13:00:00+08:00')});
	});

	it('another zone, and always', () => {
		const london: ServiceWindow = {kind: 'daily', ranges: [{startMs: minutes('08:00'), endMs: minutes('16:30')}], timezone: 'Europe/London', tradingDaysOnly: false, text: '08:00-16:30'};
		expect(windowAt(london, at('2026-07-01T08:00:00+01:00'), calendar)).toMatchObject({inside: true, closesAt: at('2026-07-01T16:30:00+01:00')});
		expect(windowAt({kind: 'always'}, 0, calendar)).toMatchObject({inside: true});
		expect(nextWindowEdge({kind: 'always'}, 0, calendar)).toBeUndefined();
	});

	it('in words', () => {
		expect(describeWindow(session)).toBe('session 09:10–15:05 · trading days');
		expect(describeWindow({kind: 'always'})).toBe('always');
		expect(describeWindow({kind: 'daily', ranges: [{startMs: minutes('08:00'), endMs: minutes('20:00') + 30_000}], timezone: 'UTC', tradingDaysOnly: false, text: 'x'})).toBe('08:00–20:00:30 · every day');
	});
});
