import {describe, expect, it} from 'vitest';
import {dayLabel, marketOutlook} from '../../src/market/market-outlook.js';
import {createTradingCalendar} from '../../src/market/shipped-calendar.js';

const calendar = createTradingCalendar();
const at = (iso: string) => Date.parse(iso);
const next = (iso: string) => {
	const outlook = marketOutlook(at(iso), calendar);
	return {phase: outlook.phase, tradingDay: outlook.tradingDay, what: outlook.next?.what, at: outlook.next && new Date(outlook.next.at).toISOString(), nextTradingDay: outlook.nextTradingDay};
};

describe('the market outlook: where the session stands and its next boundary', () => {
	it('before the open of a trading day: a trading day that opens at 09:15', () => {
		expect(next('2026-12-07T00:05:00+08:00')).toEqual({phase: 'pre-open', tradingDay: true, what: 'opens', at: '2026-12-07T01:15:00.000Z', nextTradingDay: undefined});
		expect(next('2026-12-07T08:00:00+08:00').what).toBe('opens');
	});

	it('walks the sessions: call auction, continuous trading, lunch, the closing auction, the close', () => {
		expect(next('2026-12-07T09:20:00+08:00')).toMatchObject({phase: 'call-auction', what: 'trading', at: '2026-12-07T01:30:00.000Z'});
		expect(next('2026-12-07T09:27:00+08:00')).toMatchObject({phase: 'pre-open', what: 'trading'});
		expect(next('2026-12-07T10:00:00+08:00')).toMatchObject({phase: 'trading', what: 'lunch', at: '2026-12-07T03:30:00.000Z'});
		expect(next('2026-12-07T12:00:00+08:00')).toMatchObject({phase: 'lunch-break', what: 'resumes', at: '2026-12-07T05:00:00.000Z'});
		expect(next('2026-12-07T14:00:00+08:00')).toMatchObject({phase: 'trading', what: 'closing auction', at: '2026-12-07T06:57:00.000Z'});
		expect(next('2026-12-07T14:58:00+08:00')).toMatchObject({phase: 'closing-auction', what: 'closes', at: '2026-12-07T07:00:00.000Z'});
	});

	it('after the close, the next trading day opens; on a Friday that is Monday', () => {
		expect(next('2026-12-07T16:00:00+08:00')).toEqual({phase: 'closed', tradingDay: true, what: 'opens', at: '2026-12-08T01:15:00.000Z', nextTradingDay: '2026-12-08'});
		expect(next('2026-12-04T16:00:00+08:00')).toMatchObject({what: 'opens', nextTradingDay: '2026-12-07'});
	});

	it('on a holiday or a weekend, the next trading day after the closure', () => {
		expect(next('2026-10-01T10:00:00+08:00')).toEqual({phase: 'holiday', tradingDay: false, what: 'opens', at: '2026-10-08T01:15:00.000Z', nextTradingDay: '2026-10-08'});
		expect(next('2026-12-05T10:00:00+08:00')).toMatchObject({phase: 'weekend', tradingDay: false, nextTradingDay: '2026-12-07'});
	});

	it('says a day as an operator reads it', () => {
		expect(dayLabel('2026-12-07')).toBe('Mon 7 Dec');
		expect(dayLabel('2026-10-08')).toBe('Thu 8 Oct');
	});
});
