import {describe, expect, it} from 'vitest';
import {parseJobsConfig} from '../../src/config/load-jobs-config.js';
import {FireTimer} from '../../src/scheduler/fire-timer.js';
import {systemClock} from '../../src/scheduler/clock.js';
import {createTradingCalendar} from '../../src/market/shipped-calendar.js';
import {ManualClock} from '../helpers/manual-clock.js';

function timer(jobsYaml: string, clock: ManualClock) {
	const config = parseJobsConfig(jobsYaml, 'config/jobs.yaml', '/tmp');
	const fires: string[] = [];
	const warnings: string[] = [];
	const time = () => new Date(clock.now()).toISOString().slice(11, 23);
	const jobs = new FireTimer(clock, createTradingCalendar(), due => {
		fires.push(`${time()} ${due.map(fire => `${fire.slot.job.id}${fire.coalesced > 0 ? `+${fire.coalesced}` : ''}`).join(',')}`);
	}, message => warnings.push(`${time()} ${message}`));
	jobs.rebuild(config.jobs, new Map(), clock.now(), forgetful);
	jobs.start();
	return {fires, jobs, warnings};
}

/** Nothing of the slots is written anywhere in these tests. */
const forgetful = {anchor() {}, firstSeen() {}};

describe('the fire timer', () => {
	it('fires each job on its instant, several due at once together', () => {
		const clock = new ManualClock(Date.parse('2026-11-20T02:00:00.500Z'));
		const {fires} = timer('jobs:\n  - {id: tick, cron: "*/10 * * * * *", command: ["true"]}\n  - {id: tock, cron: "*/20 * * * * *", command: ["true"]}\n', clock);
		clock.advance(30_000);
		expect(fires).toEqual(['02:00:10.000 tick', '02:00:20.000 tick,tock', '02:00:30.000 tick']);
	});

	it('fires nothing while the whole scheduler is paused, and goes on from now when resumed', () => {
		const clock = new ManualClock(Date.parse('2026-11-20T02:00:00.500Z'));
		const {fires, jobs} = timer('jobs:\n  - {id: tick, cron: "*/10 * * * * *", command: ["true"]}\n', clock);
		jobs.paused = true;
		jobs.arm();
		clock.advance(30_000);
		expect(fires).toEqual([]);
		jobs.paused = false;
		for (const slot of jobs.all()) {
			slot.advance(clock.now());
		}

		jobs.arm();
		clock.advance(10_000);
		expect(fires).toEqual(['02:00:40.000 tick']);
	});

	it('fires once for the times a wall-clock jump passed, saying how many', () => {
		const clock = new ManualClock(Date.parse('2026-11-20T02:00:00.500Z'));
		const {fires} = timer('jobs:\n  - {id: tick, cron: "*/10 * * * * *", command: ["true"]}\n', clock);
		clock.jump(60_000);
		expect(fires).toEqual(['02:01:00.500 tick+5']);
	});

	it('after the wall clock steps back (NTP), a job firing more often than the step goes on from the new time, and none fires a time twice', () => {
		const clock = new ManualClock(Date.parse('2026-12-04T14:04:59.500Z'));
		const {fires, jobs, warnings} = timer('jobs:\n  - {id: ten, cron: "*/10 * * * * *", command: ["true"]}\n  - {id: minute, cron: "0 * * * * *", command: ["true"]}\n  - {id: daily, cron: "0 5 14 * * *", timezone: UTC, command: ["true"]}\n', clock);
		clock.advance(30_500);
		expect(fires).toEqual(['14:05:00.000 ten,minute,daily', '14:05:10.000 ten', '14:05:20.000 ten', '14:05:30.000 ten']);
		// Back 4m09s (noticed at the wake set for 14:05:35): ten and minute go on from the new time; daily keeps 14:05 as its last fire.
		clock.set(Date.parse('2026-12-04T14:01:21.000Z'));
		clock.advance(5000);
		expect(warnings).toEqual([expect.stringMatching(/^14:01:26\.000 the clock went back 4m09s: jobs that fire more often than that go on from the new time; the others wait for their next fire after the last one, so no fire time runs twice$/)]);
		expect(jobs.get('ten')!.nextFireAt).toBe(Date.parse('2026-12-04T14:01:30.000Z'));
		expect(jobs.get('minute')!.nextFireAt).toBe(Date.parse('2026-12-04T14:02:00.000Z'));
		expect(jobs.get('daily')!.nextFireAt).toBe(Date.parse('2026-12-05T14:05:00.000Z'));
		clock.advance(39_000);
		expect(fires.slice(4)).toEqual(['14:01:30.000 ten', '14:01:40.000 ten', '14:01:50.000 ten', '14:02:00.000 ten,minute']);
		expect(warnings).toHaveLength(1);
	});

	it('after a step back shorter than a job\'s period, the job waits for its next time instead of firing one it already fired', () => {
		const clock = new ManualClock(Date.parse('2026-12-04T14:05:59.500Z'));
		const {fires, jobs, warnings} = timer('jobs:\n  - {id: minute, cron: "0 * * * * *", command: ["true"]}\n', clock);
		clock.advance(500);
		expect(fires).toEqual(['14:06:00.000 minute']);
		// Back 20 s: 14:06:00 comes round again, and is not fired again.
		clock.set(Date.parse('2026-12-04T14:05:40.000Z'));
		clock.advance(5000);
		expect(warnings).toHaveLength(1);
		expect(jobs.get('minute')!.nextFireAt).toBe(Date.parse('2026-12-04T14:07:00.000Z'));
		clock.advance(80_000);
		expect(fires).toEqual(['14:06:00.000 minute', '14:07:00.000 minute']);
	});

	it('keeps a fire that came due while a reload was being applied, instead of moving past it', () => {
		const clock = new ManualClock(Date.parse('2026-11-20T02:00:00.500Z'));
		const yaml = 'jobs:\n  - {id: tick, cron: "* * * * * *", command: ["true"]}\n';
		const {fires, jobs} = timer(yaml, clock);
		clock.advance(1000);
		// The thread was busy when 02:00:02 came; the reload is applied 80 ms later, before the timer ran.
		clock.set(Date.parse('2026-11-20T02:00:02.080Z'));
		jobs.rebuild(parseJobsConfig(`${yaml}  - {id: added, cron: "0 * * * * *", command: ["true"]}\n`, 'config/jobs.yaml', '/tmp').jobs, new Map(), clock.now(), forgetful);
		jobs.arm();
		clock.advance(1000);
		expect(fires).toEqual(['02:00:01.000 tick', '02:00:02.080 tick', '02:00:03.000 tick']);
	});

	it('fires a job enabled again by a reload from then on, not for the times it was disabled', () => {
		const clock = new ManualClock(Date.parse('2026-11-20T02:00:00.500Z'));
		const yaml = (enabled: boolean) => `jobs:\n  - {id: tick, cron: "*/10 * * * * *", enabled: ${enabled}, command: ["true"]}\n`;
		const {fires, jobs} = timer(yaml(true), clock);
		clock.advance(2000);
		jobs.rebuild(parseJobsConfig(yaml(false), 'config/jobs.yaml', '/tmp').jobs, new Map(), clock.now(), forgetful);
		jobs.arm();
		clock.advance(30_000);
		jobs.rebuild(parseJobsConfig(yaml(true), 'config/jobs.yaml', '/tmp').jobs, new Map(), clock.now(), forgetful);
		jobs.arm();
		clock.advance(10_000);
		expect(fires).toEqual(['02:00:40.000 tick']);
	});

	it('fires at once when asked before other work, once its time has come, and not again from its own timer', () => {
		const clock = new ManualClock(Date.parse('2026-11-20T02:00:00.500Z'));
		const {fires, jobs} = timer('jobs:\n  - {id: tick, cron: "* * * * * *", command: ["true"]}\n', clock);
		clock.set(Date.parse('2026-11-20T02:00:00.900Z'));
		jobs.fireIfDue();
		expect(fires).toEqual([]);
		// The thread is busy past 02:00:01: its timer has not had its turn yet, a run's news comes first.
		clock.set(Date.parse('2026-11-20T02:00:01.030Z'));
		jobs.fireIfDue();
		expect(fires).toEqual(['02:00:01.030 tick']);
		clock.advance(1000);
		expect(fires).toEqual(['02:00:01.030 tick', '02:00:02.000 tick']);
	});

	it('stays asleep while nothing is due (only its clock-jump check wakes it)', () => {
		const clock = new ManualClock(Date.parse('2026-11-20T02:00:00.000Z'));
		const {fires} = timer('jobs:\n  - {id: nightly, cron: "0 22 * * *", command: ["true"]}\n', clock);
		clock.advance(30 * 60_000);
		expect(fires).toEqual([]);
	});
});

describe('the system clock', () => {
	it('chains a wait longer than Node\'s timers hold (25 days) instead of firing at once', async () => {
		let fired = false;
		const handle = systemClock.setTimeout(() => {
			fired = true;
		}, 25 * 86_400_000);
		await new Promise(resolve => {
			setTimeout(resolve, 50);
		});
		systemClock.clearTimeout(handle);
		expect(fired).toBe(false);
	});
});
