/**
 * The DST rules of docs/schedules.md, one case each, on New York's, Lord Howe's and Chatham's 2026
 * changes (New York: 2026-03-08 02:00 EST → 03:00 EDT at 07:00Z; 2026-11-01 02:00 EDT → 01:00 EST at
 * 06:00Z). Expected times are worked out from those facts, not read off the code.
 */
import {describe, expect, it} from 'vitest';
import type {TriggerSpec} from '../../src/core/job-definition.js';
import {baseSchedule} from '../../src/core/triggers/base-schedule.js';
import {nextFireTimes} from '../../src/core/triggers/job-schedule.js';
import {translateApsFields} from '../../src/config/aps-cron-fields.js';
import type {ApsFields} from '../../src/config/aps-field-names.js';

const cron = (pattern: string): TriggerSpec => ({kind: 'cron', pattern, andDays: false, description: pattern});
function aps(fields: ApsFields): TriggerSpec {
	const translated = translateApsFields(fields);
	if (!translated.ok) {
		throw new Error(translated.message);
	}

	return {kind: 'cron', pattern: translated.pattern, andDays: true, description: '', aps: translated.spec, fixedTime: translated.fixedTime};
}

function fires(trigger: TriggerSpec, zone: string, after: string, count: number): string[] {
	return nextFireTimes(baseSchedule(trigger, zone, new Date(0)), new Date(after), count).map(t => t.toISOString().replace('.000Z', 'Z'));
}

describe('spring forward: a wall time that does not exist moves forward by the gap', () => {
	it('fires a fixed time in the gap once, an hour later by the clock (as APScheduler does)', () => {
		expect(fires(cron('30 2 * * *'), 'America/New_York', '2026-03-07T12:00:00Z', 2)).toEqual(['2026-03-08T07:30:00Z', '2026-03-09T06:30:00Z']);
		expect(fires(aps({hour: 2, minute: 30}), 'America/New_York', '2026-03-07T12:00:00Z', 2)).toEqual(['2026-03-08T07:30:00Z', '2026-03-09T06:30:00Z']);
	});

	it('fires a moved time once when it lands on a time the schedule fires anyway', () => {
		// 02:00 and 02:30 move onto 03:00 and 03:30 EDT, which `*/30` fires by itself.
		expect(fires(cron('*/30 * * * *'), 'America/New_York', '2026-03-08T06:00:00Z', 4)).toEqual([
			'2026-03-08T06:30:00Z', '2026-03-08T07:00:00Z', '2026-03-08T07:30:00Z', '2026-03-08T08:00:00Z',
		]);
	});

	it('keeps every time of an hour that the gap swallows, moved forward', () => {
		expect(fires(aps({hour: 2, minute: '*/20'}), 'America/New_York', '2026-03-08T00:00:00Z', 4)).toEqual([
			'2026-03-08T07:00:00Z', '2026-03-08T07:20:00Z', '2026-03-08T07:40:00Z', '2026-03-09T06:00:00Z',
		]);
		// Asked from inside the moved times: the ones still ahead come next.
		expect(fires(aps({hour: 2, minute: '*/20'}), 'America/New_York', '2026-03-08T07:00:00Z', 2)).toEqual(['2026-03-08T07:20:00Z', '2026-03-08T07:40:00Z']);
	});

	it('moves by the gap\'s own length: 30 minutes on Lord Howe, an hour on Chatham', () => {
		// Lord Howe 2026-10-04: 02:00 +10:30 → 02:30 +11:00 (15:30Z); 02:15 reads as 02:45 +11:00.
		expect(fires(cron('15 2 * * *'), 'Australia/Lord_Howe', '2026-10-03T00:00:00Z', 1)).toEqual(['2026-10-03T15:45:00Z']);
		// Chatham 2026-09-27: 02:45 +12:45 → 03:45 +13:45 (14:00Z); 03:00 reads as 04:00 +13:45.
		expect(fires(cron('0 3 * * *'), 'Pacific/Chatham', '2026-09-26T00:00:00Z', 1)).toEqual(['2026-09-26T14:15:00Z']);
	});
});

describe('fall back: a wall time that occurs twice', () => {
	it('fires a fixed-time schedule once, at the first occurrence', () => {
		expect(fires(cron('30 1 * * *'), 'America/New_York', '2026-10-31T12:00:00Z', 2)).toEqual(['2026-11-01T05:30:00Z', '2026-11-02T06:30:00Z']);
		expect(fires(aps({hour: 1, minute: 30}), 'America/New_York', '2026-10-31T12:00:00Z', 2)).toEqual(['2026-11-01T05:30:00Z', '2026-11-02T06:30:00Z']);
		// Lists and ranges are fixed times too (Vixie cron's rule).
		expect(fires(cron('0,30 1 * * *'), 'America/New_York', '2026-10-31T12:00:00Z', 3)).toEqual(['2026-11-01T05:00:00Z', '2026-11-01T05:30:00Z', '2026-11-02T06:00:00Z']);
	});

	it('fires a schedule with * or a step at both occurrences, in time order', () => {
		expect(fires(cron('*/30 1 * * *'), 'America/New_York', '2026-10-31T12:00:00Z', 5)).toEqual([
			'2026-11-01T05:00:00Z', '2026-11-01T05:30:00Z', '2026-11-01T06:00:00Z', '2026-11-01T06:30:00Z', '2026-11-02T06:00:00Z',
		]);
		// From the last time of the first pass, the second pass comes next, not 02:00.
		expect(fires(cron('*/20 * * * *'), 'America/New_York', '2026-11-01T05:50:00Z', 2)).toEqual(['2026-11-01T06:00:00Z', '2026-11-01T06:20:00Z']);
		// From inside the second pass, a fixed time does not fire again, an hourly one does.
		expect(fires(cron('40 1 * * *'), 'America/New_York', '2026-11-01T06:10:00Z', 1)).toEqual(['2026-11-02T06:40:00Z']);
		expect(fires(cron('40 * * * *'), 'America/New_York', '2026-11-01T06:10:00Z', 1)).toEqual(['2026-11-01T06:40:00Z']);
	});
});

// How fast these answers come is measured by the bench (bench/measure-schedules.ts, `npm run bench --
// --only schedules`), against bare croner and APScheduler 3; here, only what they are.
describe('the fire path\'s answers over months of DST changes', () => {
	it('gives 80,000 distinct, increasing fire times of a 5-minute job across both New York changes', () => {
		const schedule = baseSchedule(cron('*/5 * * * *'), 'America/New_York', new Date(0));
		const times = nextFireTimes(schedule, new Date('2026-02-01T00:00:00Z'), 80_000).map(time => time.getTime());
		expect(times).toHaveLength(80_000);
		expect(times.every((time, index) => index === 0 || time > times[index - 1]!)).toBe(true);
		// Every 5 minutes of absolute time, with no gap and no repeat: the spring change swallows wall
		// times, not instants, and the repeated hour of 1 November fires in both of its passes.
		expect(new Date(times.at(-1)!).toISOString()).toBe(new Date(Date.parse('2026-02-01T00:00:00Z') + (80_000 * 300_000)).toISOString());
	});

	it('says "never" for a date that never comes, and says it again', () => {
		for (const trigger of [aps({month: 2, day: 31}), aps({week: 53, month: 6}), cron('0 0 30 2 *')]) {
			const schedule = baseSchedule(trigger, 'Europe/London', new Date(0));
			expect(schedule.next(new Date('1970-01-01T00:00:00Z'))).toBeUndefined();
			expect(schedule.next(new Date('2000-01-01T00:00:00Z'))).toBeUndefined();
		}
	});
});
