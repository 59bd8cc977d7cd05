/**
 * The fire timer's jitter hook, with the random draw in the test's hand: exact instants for
 * APScheduler's `next fire + uniform(0, jitter)`, capped at end_date, and one draw per fire time.
 */
import {describe, expect, it} from 'vitest';
import {parseJobsConfig} from '../../src/config/load-jobs-config.js';
import {createTradingCalendar} from '../../src/market/shipped-calendar.js';
import {FireTimer} from '../../src/scheduler/fire-timer.js';
import {ManualClock} from '../helpers/manual-clock.js';

const forgetful = {anchor() {}, firstSeen() {}};

function timer(jobsYaml: string, clock: ManualClock, draws: number[]) {
	const config = parseJobsConfig(jobsYaml, 'config/jobs.yaml', '/tmp');
	const fires: string[] = [];
	const time = () => new Date(clock.now()).toISOString().slice(11, 23);
	let drawn = 0;
	const jobs = new FireTimer(clock, createTradingCalendar(), due => {
		fires.push(`${time()} ${due.map(fire => `${fire.slot.job.id}@${new Date(fire.scheduledAt).toISOString().slice(11, 19)} late ${fire.lateMs}`).join(',')}`);
	}, () => {}, () => draws[drawn++ % draws.length]!);
	jobs.rebuild(config.jobs, new Map(), clock.now(), forgetful);
	jobs.start();
	return {fires, jobs, config, draws: () => drawn};
}

describe('jitter in the fire timer', () => {
	it('starts each fire a drawn fraction of the jitter after its fire time, which it keeps as scheduledAt', () => {
		const clock = new ManualClock(Date.parse('2026-11-20T02:00:00.000Z'));
		const {fires, jobs} = timer('jobs:\n  - {id: tick, cron: "*/10 * * * * *", jitter: 4, command: ["true"]}\n', clock, [0.5, 0.25, 1]);
		// The next fire shown stays the schedule's.
		expect(jobs.get('tick')!.nextFireAt).toBe(Date.parse('2026-11-20T02:00:10.000Z'));
		clock.advance(40_000);
		expect(fires).toEqual(['02:00:12.000 tick@02:00:10 late 0', '02:00:21.000 tick@02:00:20 late 0', '02:00:34.000 tick@02:00:30 late 0']);
	});

	it('never delays a fire past end_date (APScheduler\'s CronTrigger: min(fire + jitter, end_date))', () => {
		const clock = new ManualClock(Date.parse('2026-11-20T02:00:00.000Z'));
		const {fires} = timer('jobs:\n  - {id: tick, cron: "*/10 * * * * *", end_date: "2026-11-20T02:00:21Z", jitter: 4, command: ["true"]}\n', clock, [0.9]);
		clock.advance(60_000);
		expect(fires).toEqual(['02:00:13.600 tick@02:00:10 late 0', '02:00:21.000 tick@02:00:20 late 0']);
	});

	it('a jitter longer than the period skips the fire times its delay passed, as APScheduler\'s CronTrigger, instead of firing them late', () => {
		const clock = new ManualClock(Date.parse('2026-11-20T02:00:00.000Z'));
		const {fires} = timer('jobs:\n  - {id: tick, cron: "*/2 * * * * *", jitter: 5, command: ["true"]}\n', clock, [0.9]);
		clock.advance(13_000);
		expect(fires).toEqual(['02:00:06.500 tick@02:00:02 late 0', '02:00:12.500 tick@02:00:08 late 0']);
	});

	it('keeps a drawn delay across a config reload while the fire waits for it', () => {
		const clock = new ManualClock(Date.parse('2026-11-20T02:00:00.000Z'));
		const {fires, jobs, config, draws} = timer('jobs:\n  - {id: tick, cron: "*/10 * * * * *", jitter: 4, command: ["true"]}\n', clock, [0.75, 0.1]);
		clock.advance(11_000);
		expect(fires).toEqual([]);
		jobs.rebuild(config.jobs, new Map(), clock.now(), forgetful);
		jobs.arm();
		clock.advance(2000);
		expect(fires).toEqual(['02:00:13.000 tick@02:00:10 late 0']);
		expect(draws()).toBe(2); // the 02:00:10 fire's, then the 02:00:20 fire's: none drawn again at the reload
	});
});
