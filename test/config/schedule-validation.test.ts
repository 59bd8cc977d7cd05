import {describe, expect, it} from 'vitest';
import {scheduleLinesReader} from '../helpers/schedule-lines.js';

const now = Date.parse('2026-11-20T02:00:00Z');

const {read, problems, warnings} = scheduleLinesReader(now);

describe('dates are calendar dates', () => {
	it('refuses dates that do not exist instead of rolling them over', () => {
		expect(problems('trigger: date\nrun_date: "2026-02-30 09:00:00"')).toEqual(['jobs.yaml:6:15: run_date "2026-02-30 09:00:00" is not a real date and time (February 2026 has no day 30)']);
		expect(problems('trigger: date\nrun_date: "2026-04-31T09:00:00+08:00"')).toEqual(['jobs.yaml:6:15: run_date "2026-04-31T09:00:00+08:00" is not a real date and time (April 2026 has no day 31)']);
		expect(problems('trigger: date\nrun_date: "2026-13-01"')).toEqual(['jobs.yaml:6:15: run_date "2026-13-01" is not a real date and time (there is no month 13)']);
		expect(problems('trigger: date\nrun_date: "2027-02-29"')).toEqual(['jobs.yaml:6:15: run_date "2027-02-29" is not a real date and time (February 2027 has no day 29)']);
		expect(problems('trigger: interval\nhours: 1\nstart_date: "2026-11-20 24:00:00"')).toEqual(['jobs.yaml:7:17: start_date "2026-11-20 24:00:00" is not a real date and time (there is no hour 24)']);
		expect(problems('trigger: date\nrun_date: "2028-02-29 09:00:00"')).toEqual([]);
	});

	it('refuses years outside the range schedules cover, and bad offsets', () => {
		expect(problems('trigger: date\nrun_date: "2200-01-01"')).toEqual(['jobs.yaml:6:15: run_date "2200-01-01": year 2200 is outside 1970-2199, the years schedules cover']);
		expect(problems('trigger: cron\nyear: 2300')).toEqual(['jobs.yaml:6:11: year 2300 in "2300" is outside 1970-2199, the years schedules cover']);
		expect(problems('trigger: date\nrun_date: "2026-12-01T09:00:00+25:00"')).toEqual(['jobs.yaml:6:15: run_date "2026-12-01T09:00:00+25:00": the offset "+25:00" is not one (use +08:00, -05:00 or Z)']);
	});

	it('warns where a DST change moves a date or makes it ambiguous', () => {
		// New York in 2027: forward on 14 March at 02:00, back on 7 November at 02:00.
		expect(warnings('trigger: date\nrun_date: "2027-03-14 02:30:00"', 'America/New_York')).toEqual([
			'jobs.yaml:6:15: run_date 2027-03-14 02:30:00 does not exist in America/New_York (the clocks go forward then): it fires at 2027-03-14T03:30:00-04:00',
		]);
		expect(warnings('trigger: interval\nhours: 1\nstart_date: "2027-11-07 01:30:00"', 'America/New_York')).toEqual([
			'jobs.yaml:7:17: start_date 2027-11-07 01:30:00 occurs twice in America/New_York (the clocks go back then): it fires at the first, 2027-11-07T01:30:00-04:00; write 2027-11-07T01:30:00-05:00 for the second',
		]);
	});
});

describe('APScheduler fields: refused where APScheduler would ignore or misread them', () => {
	it('refuses out-of-range steps and values, as APScheduler does', () => {
		expect(problems('trigger: cron\nsecond: "*/61"')).toEqual(['jobs.yaml:6:13: the step 61 in "*/61" is larger than the second range it steps through (59)']);
		expect(problems('trigger: cron\nday: "*/31"')).toEqual(['jobs.yaml:6:10: the step 31 in "*/31" is larger than the day range it steps through (30)']);
		expect(problems('trigger: cron\nminute: "*/0"')).toEqual(['jobs.yaml:6:13: the step in "*/0" must be at least 1']);
		expect(problems('trigger: cron\nhour: 24')).toEqual(['jobs.yaml:6:11: hour 24 in "24" is outside 0-23']);
		expect(problems('trigger: cron\nday: "10-5"')).toEqual(['jobs.yaml:6:10: range "10-5" runs backwards']);
	});

	it('refuses a step after weekday or month names, which APScheduler 3 silently drops', () => {
		expect(problems('trigger: cron\nday_of_week: "mon-fri/2"')).toEqual([
			'jobs.yaml:6:18: "mon-fri/2": APScheduler 3 ignores "/2" after a weekday name, so it would mean "mon-fri" there; write "0-4/2" or list the values',
		]);
		expect(problems('trigger: cron\nmonth: "jan-jun/2"')).toEqual([
			'jobs.yaml:6:12: "jan-jun/2": APScheduler 3 ignores "/2" after a month name, so it would mean "jan-jun" there; write "1-6/2" or list the values',
		]);
	});

	it('says what is wrong with a malformed list', () => {
		expect(problems('trigger: cron\nday: "1,,2"')).toEqual(['jobs.yaml:6:10: day "1,,2" has an empty item: a comma with nothing after it']);
		expect(problems('trigger: cron\nday: "3rd funday"')).toEqual(['jobs.yaml:6:10: "funday" in "3rd funday" is not a weekday name (mon, tue, wed, thu, fri, sat, sun)']);
	});

	it('takes a weekday position in `day` together with `day_of_week`, as APScheduler combines them (AND)', () => {
		expect(problems('trigger: cron\nday: 2nd fri\nday_of_week: fri\nhour: 9')).toEqual([]);
		expect(problems('trigger: cron\nday: "1,last fri,15"\nhour: 9')).toEqual([]);
	});
});

describe('cron strings: plain words for malformed fields', () => {
	it('names the field and the value', () => {
		expect(problems('cron: "0 0 1,,2 * *"')).toEqual(['jobs.yaml:5:11: bad cron "0 0 1,,2 * *": day-of-month field "1,,2" has an empty item: a comma with nothing on one side']);
		expect(problems('cron: "0 0 32W * *"')).toEqual(['jobs.yaml:5:11: bad cron "0 0 32W * *": day-of-month 32 in "32W" is outside 1-31']);
		expect(problems('cron: "0 0 1 13 *"')).toEqual(['jobs.yaml:5:11: bad cron "0 0 1 13 *": month 13 in "13" is outside 1-12']);
		expect(problems('cron: "*/61 * * * * *"')).toEqual(['jobs.yaml:5:11: bad cron "*/61 * * * * *": the step 61 in second "*/61" is larger than the field\'s range 0-59']);
		expect(problems('cron: "0 9 * * 5#6"')).toEqual(['jobs.yaml:5:11: bad cron "0 9 * * 5#6": "5#6": a weekday\'s position in the month is 1-5 (or L), not 6']);
	});
});

describe('a schedule that can never fire is warned about where the cause is', () => {
	it('warns, with the position of the field to blame, and marks the job', () => {
		expect(warnings('trigger: cron\nmonth: 2\nday: 31')).toEqual(['jobs.yaml:7:10: never fires: no month it allows (month 2) has day 31']);
		expect(warnings('trigger: cron\nyear: 2020\nhour: 9')).toEqual(['jobs.yaml:6:11: never fires: year 2020 is past']);
		expect(warnings('cron: "0 0 30 2 *"')).toEqual(['jobs.yaml:5:11: never fires: "0 0 30 2 *" matches no date in 1970-2199']);
		expect(warnings('trigger: date\nrun_date: "2026-01-01 09:00:00"')).toEqual(['jobs.yaml:6:15: never fires: run_date 2026-01-01T09:00:00+08:00 is in the past']);
		expect(warnings('trigger: cron\nweek: 53\nmonth: 6')).toEqual(['jobs.yaml:5:14: never fires: no date in 1970-2199 matches all of these fields together']);
		expect(warnings('trigger: cron\nday: 2nd fri\nday_of_week: mon')).toEqual(['jobs.yaml:5:14: never fires: no date in 1970-2199 matches all of these fields together']);
		expect(read('trigger: cron\nmonth: 2\nday: 31').config.jobs[0]!.neverFires).toBe(true);
	});

	it('warns when the trading calendar or a window rules out every fire time', () => {
		expect(warnings('cron: "0 9 * * 6"\ncalendar: trading-days')).toEqual(['jobs.yaml:6:15: never fires: none of its fire times falls on a trading day']);
		expect(warnings('cron: "0 20 * * *"\nwindow: trading-hours')).toEqual(['jobs.yaml:6:13: never fires: none of its fire times falls inside its window']);
	});

	it('stays quiet for schedules that fire, however rarely', () => {
		for (const lines of ['trigger: cron\nmonth: 2\nday: 29', 'trigger: cron\nweek: 53\nday_of_week: sun', 'cron: "0 0 29 2 1"', 'trigger: date\nrun_date: "2026-12-01 09:00:00"', 'trigger: manual']) {
			const reading = read(lines);
			expect(reading.warnings).toEqual([]);
			expect(reading.config.jobs[0]!.neverFires).toBeUndefined();
		}
	});
});
