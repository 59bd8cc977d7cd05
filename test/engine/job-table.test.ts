import {describe, expect, it} from 'vitest';
import {parseJobsConfig} from '../../src/config/load-jobs-config.js';
import {JobTable} from '../../src/engine/job-table.js';
import {systemClock} from '../../src/engine/ports.js';
import {createTradingCalendar} from '../../src/market/shipped-calendar.js';
import {ManualClock} from '../helpers/manual-clock.js';

/** A manual clock whose thread can be held: holding moves its time on, as the real wait lets real time pass. */
class HoldingClock extends ManualClock {
	readonly holds: string[] = [];
	holdUntil(at: number): void {
		this.holds.push(`${new Date(this.now()).toISOString().slice(11, 23)}→${new Date(at).toISOString().slice(11, 23)}`);
		this.advance(at - this.now());
	}
}

function table(jobsYaml: string, clock: ManualClock) {
	const config = parseJobsConfig(jobsYaml, 'config/jobs.yaml', '/tmp');
	const fires: string[] = [];
	const quiet: string[] = [];
	const time = () => new Date(clock.now()).toISOString().slice(11, 23);
	const jobs = new JobTable(clock, createTradingCalendar(), due => {
		fires.push(`${time()} ${due.map(fire => fire.slot.job.id).join(',')}`);
	}, () => quiet.push(time()));
	jobs.rebuild(config.jobs, new Map(), clock.now(), () => undefined);
	jobs.start();
	return {fires, quiet};
}

describe('the job table\'s timer', () => {
	it('gives the scheduler a quiet moment 150 ms before each fire', () => {
		const clock = new ManualClock(Date.parse('2026-11-20T02:00:00.500Z'));
		const {fires, quiet} = table('jobs:\n  - {id: tick, cron: "*/10 * * * * *", command: ["true"]}\n', clock);
		clock.advance(30_000);
		expect(fires).toEqual(['02:00:10.000 tick', '02:00:20.000 tick', '02:00:30.000 tick']);
		expect(quiet).toEqual(['02:00:09.850', '02:00:19.850', '02:00:29.850']);
	});

	it('with a clock that can hold the thread, wakes 2 ms early and holds it until the fire\'s instant', () => {
		const clock = new HoldingClock(Date.parse('2026-11-20T02:00:00.500Z'));
		const {fires} = table('jobs:\n  - {id: tick, cron: "*/10 * * * * *", command: ["true"]}\n', clock);
		clock.advance(20_000);
		expect(clock.holds).toEqual(['02:00:09.998→02:00:10.000', '02:00:19.998→02:00:20.000']);
		expect(fires).toEqual(['02:00:10.000 tick', '02:00:20.000 tick']);
	});

	it('stays asleep while nothing is due (only its clock-jump check wakes it)', () => {
		const clock = new ManualClock(Date.parse('2026-11-20T02:00:00.000Z'));
		const {fires, quiet} = table('jobs:\n  - {id: nightly, cron: "0 22 * * *", command: ["true"]}\n', clock);
		clock.advance(30 * 60_000);
		expect(fires).toEqual([]);
		expect(quiet).toEqual([]);
	});

	it('holds the real thread until the instant has come, by the wall clock', () => {
		for (const ahead of [0.5, 2, 3]) {
			const at = Math.ceil(performance.timeOrigin + performance.now() + ahead);
			systemClock.holdUntil!(at);
			expect(performance.timeOrigin + performance.now()).toBeGreaterThanOrEqual(at);
			expect(Date.now()).toBeGreaterThanOrEqual(at);
		}
	});

	it('never holds the thread for long, whatever the instant asked for (a clock stepped since start)', () => {
		const started = performance.now();
		systemClock.holdUntil!(Date.now() + 60_000);
		expect(performance.now() - started).toBeLessThan(1000);
	});
});
