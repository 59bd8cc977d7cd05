import {describe, expect, it} from 'vitest';
import {parseJobsConfig} from '../../src/config/load-jobs-config.js';
import {jobSchedule, nextFireTimes} from '../../src/core/triggers/job-schedule.js';
import {describeSchedule} from '../../src/core/triggers/describe-schedule.js';
import {createTradingCalendar} from '../../src/market/shipped-calendar.js';
import {formatZonedIso} from '../../src/time/zoned-time.js';

const calendar = createTradingCalendar();

/** The next fire times of a one-job config (a command job, so no module file is needed). */
function fires(jobYaml: string, from: string, count = 4, timeZone = 'Asia/Shanghai'): string[] {
	const config = parseJobsConfig(`timezone: ${timeZone}\njobs:\n  - id: j\n    command: ["true"]\n${jobYaml.replace(/^/gm, '    ')}\n`, 'jobs.yaml', '/');
	const job = config.jobs[0]!;
	return nextFireTimes(jobSchedule(job, calendar, new Date(from)), new Date(from), count).map(time => formatZonedIso(time, job.timezone));
}

describe('cron: expressions', () => {
	it('fires at known times in the job time zone', () => {
		expect(fires('cron: "30 16 * * 1-5"', '2026-11-20T09:00:00+08:00', 3)).toEqual([
			'2026-11-20T16:30:00+08:00', '2026-11-23T16:30:00+08:00', '2026-11-24T16:30:00+08:00',
		]);
		expect(fires('cron: "0 9 * * *"\ntimezone: America/New_York', '2026-03-07T12:00:00Z', 3)).toEqual([
			'2026-03-07T09:00:00-05:00', '2026-03-08T09:00:00-04:00', '2026-03-09T09:00:00-04:00',
		]);
	});

	it('takes 6 fields with seconds first, and L / W / #', () => {
		expect(fires('cron: "*/20 * * * * *"', '2026-11-20T10:00:00+08:00', 3)).toEqual([
			'2026-11-20T10:00:20+08:00', '2026-11-20T10:00:40+08:00', '2026-11-20T10:01:00+08:00',
		]);
		expect(fires('cron: "0 18 L * *"', '2026-01-15T00:00:00+08:00', 2)).toEqual(['2026-01-31T18:00:00+08:00', '2026-02-28T18:00:00+08:00']);
		expect(fires('cron: "0 9 * * 5#L"', '2026-11-01T00:00:00+08:00', 2)).toEqual(['2026-11-27T09:00:00+08:00', '2026-12-25T09:00:00+08:00']);
		expect(fires('cron: "0 9 15W * *"', '2026-11-01T00:00:00+08:00', 1)).toEqual(['2026-11-16T09:00:00+08:00']);
	});
});

describe('APScheduler-style trigger: cron', () => {
	it('reads day_of_week 0 as Monday and defaults the fields below the smallest given one', () => {
		expect(fires('trigger: cron\nday_of_week: 0\nhour: 9', '2026-11-20T00:00:00+08:00', 2)).toEqual([
			'2026-11-23T09:00:00+08:00', '2026-11-30T09:00:00+08:00',
		]);
		expect(fires('trigger: cron\nday_of_week: mon-fri\nhour: 16\nminute: 30', '2026-11-21T00:00:00+08:00', 2)).toEqual([
			'2026-11-23T16:30:00+08:00', '2026-11-24T16:30:00+08:00',
		]);
	});

	it('leaves the fields above the largest given one as wildcards', () => {
		expect(fires('trigger: cron\nminute: 15', '2026-11-20T10:20:00+08:00', 3)).toEqual([
			'2026-11-20T11:15:00+08:00', '2026-11-20T12:15:00+08:00', '2026-11-20T13:15:00+08:00',
		]);
		expect(fires('trigger: cron\nmonth: 6', '2026-11-20T00:00:00+08:00', 2)).toEqual([
			'2027-06-01T00:00:00+08:00', '2028-06-01T00:00:00+08:00',
		]);
	});

	it('combines day and day_of_week with AND, and takes "last fri", steps and week numbers', () => {
		expect(fires('trigger: cron\nday: "1-7"\nday_of_week: mon\nhour: 9', '2026-11-01T00:00:00+08:00', 2)).toEqual([
			'2026-11-02T09:00:00+08:00', '2026-12-07T09:00:00+08:00',
		]);
		expect(fires('trigger: cron\nday: last fri\nhour: 15', '2026-11-01T00:00:00+08:00', 2)).toEqual([
			'2026-11-27T15:00:00+08:00', '2026-12-25T15:00:00+08:00',
		]);
		expect(fires('trigger: cron\nhour: "*/6"', '2026-11-20T01:00:00+08:00', 3)).toEqual([
			'2026-11-20T06:00:00+08:00', '2026-11-20T12:00:00+08:00', '2026-11-20T18:00:00+08:00',
		]);
		expect(fires('trigger: cron\nweek: 1\nday_of_week: mon\nhour: 8', '2026-11-20T00:00:00+08:00', 1)).toEqual(['2027-01-04T08:00:00+08:00']);
	});
});

describe('interval and date triggers', () => {
	it('counts intervals from start_date', () => {
		expect(fires('trigger: interval\nhours: 4\nstart_date: "2026-11-20 08:00:00"', '2026-11-20T10:00:00+08:00', 3)).toEqual([
			'2026-11-20T12:00:00+08:00', '2026-11-20T16:00:00+08:00', '2026-11-20T20:00:00+08:00',
		]);
	});

	it('fires a date trigger once', () => {
		expect(fires('trigger: date\nrun_date: "2026-12-01T09:00:00"', '2026-11-20T00:00:00+08:00', 3)).toEqual(['2026-12-01T09:00:00+08:00']);
	});
});

describe('trading calendar schedules', () => {
	it('skips the National Day closure: a 16:30 trading-days job next fires on 2026-10-08 and 10-09', () => {
		expect(fires('cron: "30 16 * * *"\ncalendar: trading-days', '2026-09-30T17:00:00+08:00', 2)).toEqual([
			'2026-10-08T16:30:00+08:00', '2026-10-09T16:30:00+08:00',
		]);
	});

	it('knows a weekday closure that is not a public holiday (2024-02-09) and never fires on make-up Saturdays', () => {
		expect(fires('cron: "0 17 * * *"\ncalendar: trading-days', '2024-02-08T18:00:00+08:00', 1)).toEqual(['2024-02-19T17:00:00+08:00']);
		expect(fires('cron: "0 17 * * *"\ncalendar: trading-days', '2026-09-25T18:00:00+08:00', 2)).toEqual([
			'2026-09-28T17:00:00+08:00', '2026-09-29T17:00:00+08:00',
		]);
	});

	it('keeps a trading-hours 5-minute job inside the continuous sessions', () => {
		const times = fires('cron: "*/5 * * * *"\ncalendar: trading-days\nwindow: trading-hours', '2026-11-20T08:00:00+08:00', 50);
		expect(times.slice(0, 2)).toEqual(['2026-11-20T09:30:00+08:00', '2026-11-20T09:35:00+08:00']);
		expect(times).toContain('2026-11-20T11:30:00+08:00');
		expect(times).not.toContain('2026-11-20T11:35:00+08:00');
		expect(times).toContain('2026-11-20T13:00:00+08:00');
		// 25 fires 09:30-11:30 and 24 fires 13:00-14:55 on Friday; the next is Monday's open.
		expect(times.filter(time => time.startsWith('2026-11-20')).length).toBe(49);
		expect(times.at(-1)).toBe('2026-11-23T09:30:00+08:00');
	});

	it('takes custom windows and first/last trading day of the month', () => {
		expect(fires('cron: "0 * * * *"\nwindow: "10:00-11:00,14:00-15:00"', '2026-11-20T09:00:00+08:00', 5)).toEqual([
			'2026-11-20T10:00:00+08:00', '2026-11-20T11:00:00+08:00', '2026-11-20T14:00:00+08:00', '2026-11-20T15:00:00+08:00', '2026-11-21T10:00:00+08:00',
		]);
		expect(fires('cron: "0 9 * * *"\ntrading_day_of_month: 1', '2026-09-15T00:00:00+08:00', 2)).toEqual([
			'2026-10-08T09:00:00+08:00', '2026-11-02T09:00:00+08:00',
		]);
		expect(fires('cron: "0 15 * * *"\ntrading_day_of_week: -1', '2026-09-28T00:00:00+08:00', 2)).toEqual([
			'2026-09-30T15:00:00+08:00', '2026-10-09T15:00:00+08:00',
		]);
	});
});

describe('schedules in words', () => {
	it('says what a person would say', () => {
		const describe_ = (yaml: string) => describeSchedule(parseJobsConfig(`jobs:\n  - id: j\n    command: ["true"]\n${yaml.replace(/^/gm, '    ')}\n`, 'x', '/').jobs[0]!);
		expect(describe_('cron: "*/5 * * * *"\ncalendar: trading-days\nwindow: trading-hours')).toBe('every 5 min · trading days · trading hours');
		expect(describe_('cron: "30 16 * * 1-5"')).toBe('Mon-Fri 16:30');
		expect(describe_('trigger: cron\nday_of_week: mon\nhour: 9\nminute: 0')).toBe('Mon 09:00');
		expect(describe_('trigger: interval\nhours: 4')).toBe('every 4h');
		expect(describe_('trigger: interval\nminutes: 10')).toBe('every 10 min');
		expect(describe_('trigger: interval\nseconds: 5')).toBe('every 5s');
		expect(describe_('trigger: interval\nseconds: 2.5')).toBe('every 2.5s');
		expect(describe_('trigger: manual')).toBe('manual');
	});
});
