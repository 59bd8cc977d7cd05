import {describe, expect, it} from 'vitest';
import {loadCalendarConfig} from '../../src/config/load-calendar-config.js';
import {ConfigError} from '../../src/config/config-problem.js';
import {marketPhase, tradeDateOf} from '../../src/market/market-session.js';
import {createTradingCalendar} from '../../src/market/shipped-calendar.js';
import {makeTempRoot} from '../helpers/temp-root.js';

const calendar = createTradingCalendar();
const at = (iso: string) => Date.parse(iso);

describe('Shanghai/Shenzhen trading days', () => {
	it('knows weekday closures, including ones that are not public holidays', () => {
		expect(calendar.isTradingDay('2024-02-09')).toBe(false);
		expect(calendar.isHoliday('2024-02-09')).toBe(true);
		expect(calendar.isTradingDay('2026-10-08')).toBe(true);
		expect(calendar.isTradingDay('2026-10-07')).toBe(false);
	});

	it('never trades on a make-up working Saturday', () => {
		// 2026-09-27 (Sunday) and 2026-10-10 (Saturday) were working days in China, not trading days.
		expect(calendar.isTradingDay('2026-10-10')).toBe(false);
		expect(calendar.isTradingDay('2026-09-27')).toBe(false);
	});

	it('counts a year of trading days from the shipped data', () => {
		expect(calendar.tradingDaysBetween('2024-01-01', '2024-12-31')).toHaveLength(242);
		expect(calendar.hasDataFor(2026)).toBe(true);
		expect(calendar.hasDataFor(2027)).toBe(false);
	});

	it('finds the first and last trading day of a month and of a week', () => {
		expect(calendar.positionInMonth('2026-10-08')).toEqual({first: true, last: false});
		expect(calendar.positionInMonth('2026-09-30')).toEqual({first: false, last: true});
		expect(calendar.positionInWeek('2026-10-08')).toEqual({first: true, last: false});
		expect(calendar.positionInWeek('2026-10-09')).toEqual({first: false, last: true});
	});

	it('is extended and corrected by config/calendar.yaml, with positioned errors', () => {
		const root = makeTempRoot({'config/calendar.yaml': 'closures: [2026-03-05]\nyears:\n  2027: [2027-01-01, 2027-02-08]\n'});
		const extended = createTradingCalendar(loadCalendarConfig(`${root.dir}/config/calendar.yaml`));
		expect(extended.isTradingDay('2026-03-05')).toBe(false);
		expect(extended.hasDataFor(2027)).toBe(true);
		expect(extended.isTradingDay('2027-02-08')).toBe(false);
		expect(extended.isTradingDay('2027-02-09')).toBe(true);
		root.write('config/calendar.yaml', 'closures: [2026-13-45]\nyears:\n  2027: [2026-01-01]\n');
		expect(() => loadCalendarConfig(`${root.dir}/config/calendar.yaml`)).toThrow(ConfigError);
		try {
			loadCalendarConfig(`${root.dir}/config/calendar.yaml`);
		} catch (error) {
			expect((error as ConfigError).problems.map(p => `${p.line}:${p.col}: ${p.message}`)).toEqual([
				'1:12: 2026-13-45 is not a date: there is no month 13',
				'3:9: 2026-01-01 is not in 2027',
			]);
		}

		root.remove();
	});
});

describe('market sessions', () => {
	it('says where the exchange day stands at an instant', () => {
		const phases = ['09:00', '09:20', '09:27', '10:00', '12:00', '13:30', '14:58', '15:30'].map(time => marketPhase(at(`2026-11-20T${time}:00+08:00`), calendar));
		expect(phases).toEqual(['pre-open', 'call-auction', 'pre-open', 'trading', 'lunch-break', 'trading', 'closing-auction', 'closed']);
		expect(marketPhase(at('2026-10-01T10:00:00+08:00'), calendar)).toBe('holiday');
		expect(marketPhase(at('2026-11-21T10:00:00+08:00'), calendar)).toBe('weekend');
	});

	it('gives each instant its trade date: the day itself, or the last trading day before it', () => {
		expect(tradeDateOf(at('2026-11-20T16:30:00+08:00'), calendar)).toBe('2026-11-20');
		expect(tradeDateOf(at('2026-11-22T10:00:00+08:00'), calendar)).toBe('2026-11-20');
		expect(tradeDateOf(at('2026-10-05T10:00:00+08:00'), calendar)).toBe('2026-09-30');
	});
});
