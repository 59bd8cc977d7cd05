/**
 * start_date, end_date and jitter on cron and interval triggers, as APScheduler 3.9's CronTrigger and
 * IntervalTrigger take them: what the config accepts, what it refuses (with file:line:col and the values),
 * and the "never fires again" warning of a job past its end_date. Fire times themselves are compared with
 * the real APScheduler in schedule-oracle.test.ts.
 */
import {describe, expect, it} from 'vitest';
import {scheduleLinesReader} from '../helpers/schedule-lines.js';
import {baseSchedule} from '../../src/core/triggers/base-schedule.js';
import {nextFireTimes} from '../../src/core/triggers/job-schedule.js';
import {formatZonedIso} from '../../src/time/zoned-time.js';

const now = Date.parse('2026-11-20T02:00:00Z');

const {read, problems, warnings} = scheduleLinesReader(now);

/** The job's next fire times from `from`, in its zone. */
function fires(lines: string, from: string, count: number, timezone = 'Asia/Shanghai'): string[] {
	const job = read(lines, timezone).config.jobs[0]!;
	return nextFireTimes(baseSchedule(job.trigger, job.timezone, new Date(now)), new Date(Date.parse(from) - 1), count).map(time => formatZonedIso(time, timezone));
}

describe('start_date and end_date on cron and interval triggers', () => {
	it('are accepted on cron strings, APScheduler fields and intervals, in the job zone, both ends inclusive', () => {
		const from = '2026-11-20T00:00:00+08:00';
		for (const schedule of ['cron: "30 9 * * *"', 'trigger: cron\nhour: 9\nminute: 30']) {
			expect(fires(`${schedule}\nstart_date: "2026-11-22 09:30:00"\nend_date: 2026-11-24 09:30`, from, 5)).toEqual([
				'2026-11-22T09:30:00+08:00', '2026-11-23T09:30:00+08:00', '2026-11-24T09:30:00+08:00',
			]);
		}

		expect(fires('trigger: interval\nhours: 4\nstart_date: "2026-11-20 08:00:00"\nend_date: "2026-11-21T00:00:00+08:00"', from, 9)).toEqual([
			'2026-11-20T08:00:00+08:00', '2026-11-20T12:00:00+08:00', '2026-11-20T16:00:00+08:00', '2026-11-20T20:00:00+08:00', '2026-11-21T00:00:00+08:00',
		]);
	});

	it('a cron start_date between fire times fires first at the next one, as APScheduler (at or after the start)', () => {
		expect(fires('trigger: cron\nhour: 9\nstart_date: "2026-11-20 09:00:00.500"', '2026-11-19T00:00:00+08:00', 2)).toEqual(['2026-11-21T09:00:00+08:00', '2026-11-22T09:00:00+08:00']);
	});

	it('refuses an end_date before the start_date, at the end_date, naming both values', () => {
		expect(problems('cron: "0 9 * * *"\nstart_date: "2026-12-20"\nend_date: "2026-12-01 18:00"')).toEqual([
			'jobs.yaml:7:15: end_date 2026-12-01 18:00 (2026-12-01T18:00:00+08:00) is before start_date 2026-12-20 (2026-12-20T00:00:00+08:00): the job could never fire',
		]);
		expect(problems('trigger: interval\nminutes: 5\nstart_date: "2026-12-01T09:00:00-05:00"\nend_date: "2026-12-01 08:59"', 'America/New_York')).toEqual([
			'jobs.yaml:8:15: end_date 2026-12-01 08:59 (2026-12-01T08:59:00-05:00) is before start_date 2026-12-01T09:00:00-05:00 (2026-12-01T09:00:00-05:00): the job could never fire',
		]);
		expect(problems('trigger: cron\nhour: 9\nstart_date: "2026-12-01 09:00:01"\nend_date: "2026-12-01 09:00:00"')).toEqual([
			'jobs.yaml:8:15: end_date 2026-12-01 09:00:00 (2026-12-01T09:00:00+08:00) is before start_date 2026-12-01 09:00:01 (2026-12-01T09:00:01+08:00): the job could never fire',
		]);
	});

	it('refuses dates that are not dates, as for run_date', () => {
		expect(problems('cron: "0 9 * * *"\nend_date: "2026-02-30"')).toEqual(['jobs.yaml:6:15: end_date "2026-02-30" is not a real date and time (February 2026 has no day 30)']);
		expect(problems('trigger: cron\nhour: 9\nstart_date: tomorrow')).toEqual(['jobs.yaml:7:17: start_date "tomorrow" is not a date-time (use 2026-01-05T09:00:00, or with an offset: 2026-01-05T09:00:00+08:00)']);
		expect(problems('trigger: interval\nhours: 1\nend_date: "2200-01-01"')).toEqual(['jobs.yaml:7:15: end_date "2200-01-01": year 2200 is outside 1970-2199, the years schedules cover']);
	});

	it('do not belong to a date trigger or a manual one (APScheduler\'s DateTrigger has neither)', () => {
		expect(problems('trigger: date\nrun_date: "2026-12-01"\nend_date: "2026-12-02"\njitter: 5')).toEqual([
			'jobs.yaml:7:5: end_date does not belong to trigger: date',
			'jobs.yaml:8:5: jitter does not belong to trigger: date',
		]);
		expect(problems('trigger: manual\nstart_date: "2026-12-01"')).toEqual(['jobs.yaml:6:5: start_date does not belong to trigger: manual']);
	});

	it('say in a warning how a wall time a DST change skips or repeats is read', () => {
		expect(warnings('cron: "0 9 * * *"\nstart_date: "2027-03-14 02:30:00"\nend_date: "2027-11-07 01:30:00"', 'America/New_York')).toEqual([
			'jobs.yaml:6:17: start_date 2027-03-14 02:30:00 does not exist in America/New_York (the clocks go forward then): it starts at 2027-03-14T03:30:00-04:00',
			'jobs.yaml:7:15: end_date 2027-11-07 01:30:00 occurs twice in America/New_York (the clocks go back then): it ends at the first, 2027-11-07T01:30:00-04:00; write 2027-11-07T01:30:00-05:00 for the second',
		]);
	});
});

describe('a job past its end_date', () => {
	it('never fires again: validate warns at the end_date, and the job is marked', () => {
		for (const schedule of ['cron: "0 9 * * *"', 'trigger: cron\nday_of_week: mon\nhour: 9', 'trigger: interval\nhours: 4']) {
			const lines = `${schedule}\nend_date: "2026-11-01 18:00"`;
			const line = 5 + schedule.split('\n').length;
			expect(warnings(lines)).toEqual([`jobs.yaml:${line}:15: never fires again: end_date 2026-11-01T18:00:00+08:00 has passed`]);
			expect(read(lines).config.jobs[0]!.neverFires).toBe(true);
		}
	});

	it('never fires when its schedule has no time left before the end_date, or after the start_date', () => {
		expect(warnings('trigger: cron\nmonth: 2\nday: 1\nend_date: "2026-12-31"')).toEqual([
			'jobs.yaml:8:15: never fires: its next fire time, 2027-02-01T00:00:00+08:00, is after end_date 2026-12-31T00:00:00+08:00',
		]);
		expect(warnings('trigger: cron\nyear: 2027\nstart_date: "2028-01-01"')).toEqual([
			'jobs.yaml:7:17: never fires: its fields match no time at or after start_date 2028-01-01T00:00:00+08:00',
		]);
		expect(warnings('cron: "0 9 * * 6"\ncalendar: trading-days\nend_date: "2026-12-31"')).toEqual([
			'jobs.yaml:6:15: never fires: none of its fire times before end_date 2026-12-31T00:00:00+08:00 falls on a trading day',
		]);
	});

	it('stays quiet while the end_date is ahead and a fire time comes before it', () => {
		// Given now is 2026-11-20 10:00 in Shanghai: one fire is left, tomorrow's at 09:00, the end itself.
		const reading = read('cron: "0 9 * * *"\nend_date: "2026-11-21 09:00"');
		expect(reading.warnings).toEqual([]);
		expect(reading.config.jobs[0]!.neverFires).toBeUndefined();
	});
});

describe('jitter', () => {
	it('is a number of seconds on cron and interval triggers, a fraction allowed', () => {
		const trigger = (lines: string) => read(lines).config.jobs[0]!.trigger;
		expect(trigger('cron: "0 9 * * *"\njitter: 30')).toMatchObject({kind: 'cron', jitterMs: 30_000});
		expect(trigger('trigger: cron\nhour: 9\njitter: 2.5')).toMatchObject({kind: 'cron', jitterMs: 2500});
		expect(trigger('trigger: interval\nminutes: 5\njitter: 0')).not.toHaveProperty('jitterMs');
	});

	it('refuses a negative jitter or one that is not a number, at the jitter', () => {
		expect(problems('cron: "0 9 * * *"\njitter: -1')).toEqual(['jobs.yaml:6:13: jitter must be a number of seconds, 0 or more, not -1']);
		expect(problems('trigger: interval\nminutes: 5\njitter: 30s')).toEqual(['jobs.yaml:7:13: jitter must be a number of seconds, 0 or more, not "30s" (a bare number of seconds, as APScheduler takes it)']);
		expect(problems('trigger: cron\nhour: 9\njitter: lots')).toEqual(['jobs.yaml:7:13: jitter must be a number of seconds, 0 or more, not "lots"']);
		expect(problems('cron: "0 9 * * *"\njitter: [1, 2]')).toEqual(['jobs.yaml:6:13: jitter must be a number of seconds, 0 or more, not [1,2]']);
		expect(problems('cron: "0 9 * * *"\njitter: .inf')).toEqual(['jobs.yaml:6:13: jitter must be a number of seconds, 0 or more, not null']);
	});

	it('reports every problem of a trigger at once, with the pattern\'s own', () => {
		expect(problems('cron: "0 9 * *"\nend_date: "2026-13-01"\njitter: -5')).toEqual([
			'jobs.yaml:5:11: cron "0 9 * *" has 4 fields; give 5 (minute hour day month weekday) or 6 (seconds first)',
			'jobs.yaml:6:15: end_date "2026-13-01" is not a real date and time (there is no month 13)',
			'jobs.yaml:7:13: jitter must be a number of seconds, 0 or more, not -5',
		]);
	});
});
