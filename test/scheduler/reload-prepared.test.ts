/**
 * A reload worked out ahead (prepareReload, a few milliseconds at a time between fires) applies as a
 * reload on the spot would: the same next fire times and the same fires after it, though the clock
 * moved on and jobs fired while it was being worked out; what comes due meanwhile is not held up.
 */
import {describe, expect, it} from 'vitest';
import {parseJobsConfig} from '../../src/config/load-jobs-config.js';
import {createTradingCalendar} from '../../src/market/shipped-calendar.js';
import {trackTestSchedulers, type TestScheduler} from '../helpers/test-scheduler.js';
import {waitFor} from '../helpers/wait-for.js';

const openScheduler = trackTestSchedulers();

const before = `jobs:
  - {id: tick, cron: "* * * * * *", command: ["true"]}
  - {id: health, trigger: interval, minutes: 10, command: ["true"]}
  - {id: report, trigger: manual, command: ["true"]}
`;
const after = `${before}  - {id: daily, cron: "30 16 * * 1-5", calendar: trading-days, command: ["true"]}
  - {id: poll, trigger: interval, seconds: 20, start_date: "2026-11-20 10:00:05", command: ["true"]}
  - {id: once, trigger: date, run_date: "2026-11-20T10:02:00+08:00", command: ["true"]}
  - {id: in_window, cron: "*/5 * * * *", window: "10:00-11:00", command: ["true"]}
  - {id: month_end, cron: "0 15 * * *", trading_day_of_month: -1, command: ["true"]}
  - {id: every_7m, trigger: interval, minutes: 7, command: ["true"]}
`;

function firesByJob(t: TestScheduler): Record<string, number[]> {
	const fires: Record<string, number[]> = {};
	for (const run of t.started) {
		(fires[run.jobId] ??= []).push(run.scheduledAt);
	}

	return fires;
}

/** Two schedulers on the same jobs, started at the same instant and run for `ms`: one to be given what was worked out ahead, one not. */
function twoStarted(jobsYaml: string, ms: number): [TestScheduler, TestScheduler] {
	const both: [TestScheduler, TestScheduler] = [openScheduler(jobsYaml), openScheduler(jobsYaml)];
	for (const t of both) {
		t.scheduler.start();
		t.clock.advance(ms);
	}

	return both;
}

describe('a reload worked out ahead', () => {
	it('gives each job the fire times a reload on the spot gives, though the clock moved on and jobs fired while it was worked out', async () => {
		const [ahead, onTheSpot] = twoStarted(before, 3500);

		const askedAt = ahead.clock.now();
		const config = parseJobsConfig(after, 'config/jobs.yaml', ahead.root.dir);
		const prepared = await ahead.scheduler.prepareReload(config);
		for (const t of [ahead, onTheSpot]) {
			t.clock.advance(31_500); // The every-second job fires 31 times while the edit waits.
		}

		ahead.scheduler.reload(config, [], prepared);
		onTheSpot.scheduler.reload(parseJobsConfig(after, 'config/jobs.yaml', onTheSpot.root.dir));
		const nextFires = (t: TestScheduler) => Object.fromEntries(t.scheduler.snapshot().jobs.filter(job => job.id !== 'every_7m').map(job => [job.id, t.scheduler.slot(job.id)!.nextFireAt]));
		expect(nextFires(ahead)).toEqual(nextFires(onTheSpot));
		expect(Object.values(nextFires(ahead)).filter(at => at !== undefined)).toHaveLength(7);
		// A new interval counts from when its reload was asked for.
		expect(ahead.scheduler.slot('every_7m')!.nextFireAt).toBe(askedAt + (7 * 60_000));

		for (const t of [ahead, onTheSpot]) {
			t.clock.advance(10 * 60_000);
		}

		await waitFor(() => ahead.finished.length === ahead.started.length && onTheSpot.finished.length === onTheSpot.started.length, 20_000, 'the runs to end');
		const {every_7m: _, ...fired} = firesByJob(ahead);
		const {every_7m: __, ...firedOnTheSpot} = firesByJob(onTheSpot);
		expect(fired).toEqual(firedOnTheSpot);
		expect(Object.keys(fired).sort()).toEqual(['health', 'in_window', 'once', 'poll', 'tick']);
	}, 60_000);

	it('lets what comes due while thousands of jobs are worked out run before the reload applies', async () => {
		const t = openScheduler(before);
		t.scheduler.start();
		const many = Array.from({length: 5000}, (_, i) => `  - {id: job_${i}, cron: "${i % 60} ${i % 24} * * 1-5", calendar: trading-days, command: ["true"]}\n`).join('');
		let timerRan = false;
		setTimeout(() => {
			timerRan = true;
		}, 0);
		const config = parseJobsConfig(`${before}${many}`, 'config/jobs.yaml', t.root.dir);
		const prepared = await t.scheduler.prepareReload(config);
		expect(timerRan).toBe(true);
		const changes = t.scheduler.reload(config, [], prepared);
		expect(changes.added).toHaveLength(5000);
		// Friday 10:00: "19 7 * * 1-5" next fires on Monday.
		expect(t.scheduler.slot('job_4999')!.nextFireAt).toBe(Date.parse('2026-11-23T07:19:00+08:00'));
	});

	it('shows the last run of a job back in jobs.yaml, read ahead', async () => {
		const t = openScheduler(before);
		t.scheduler.start();
		const submitted = t.scheduler.submit('report');
		const runId = submitted.ok ? submitted.run.id : -1;
		await t.scheduler.whenFinished(runId);
		const without = parseJobsConfig(before.replace(/ {2}- \{id: report.*\n/, ''), 'config/jobs.yaml', t.root.dir);
		t.scheduler.reload(without, [], await t.scheduler.prepareReload(without));
		expect(t.scheduler.snapshot().jobs.map(job => job.id)).not.toContain('report');
		const back = parseJobsConfig(before, 'config/jobs.yaml', t.root.dir);
		t.scheduler.reload(back, [], await t.scheduler.prepareReload(back));
		expect(t.scheduler.snapshot().jobs.find(job => job.id === 'report')?.lastRun).toMatchObject({id: runId, status: 'success'});
	});

	it('applies a calendar worked out ahead as one applied on the spot: a closure the edit adds moves the jobs of trading days past it', async () => {
		const [ahead, onTheSpot] = twoStarted(after, 2500);

		// An emergency closure today, Friday 2026-11-20: the daily job's 16:30 moves to Monday.
		const closed = createTradingCalendar({extraClosures: ['2026-11-20']});
		const prepared = await ahead.scheduler.prepareCalendar(closed);
		for (const t of [ahead, onTheSpot]) {
			t.clock.advance(20_000);
		}

		ahead.scheduler.setCalendar(closed, prepared);
		onTheSpot.scheduler.setCalendar(createTradingCalendar({extraClosures: ['2026-11-20']}));
		const nextFires = (t: TestScheduler) => Object.fromEntries(t.scheduler.snapshot().jobs.map(job => [job.id, t.scheduler.slot(job.id)!.nextFireAt]));
		expect(nextFires(ahead)).toEqual(nextFires(onTheSpot));
		expect(ahead.scheduler.slot('daily')!.nextFireAt).toBe(Date.parse('2026-11-23T16:30:00+08:00'));
	});
});
