import {seedRun} from '../helpers/seed-run.js';
import {describe, expect, it} from 'vitest';
import {trackTestSchedulers, type TestScheduler} from '../helpers/test-scheduler.js';

const openScheduler = trackTestSchedulers();
let t: TestScheduler | undefined;

/** Starts and ends of runs reach history once per turn of the event loop. */
const nextTurn = async () => new Promise(resolve => {
	setImmediate(resolve);
});
const at = (iso: string) => Date.parse(iso);
const everySecond = (policy: string, extra = '') => `jobs:\n  - id: slow\n    cron: "* * * * * *"\n    module: jobs/sleep.ts\n    params: {ms: 60000}\n    concurrency: ${policy}\n${extra}`;

describe('concurrency when a run outlives its interval', () => {
	it('skip: records the overlapping fire as skipped', async () => {
		t = openScheduler(everySecond('skip'));
		t.scheduler.start();
		t.clock.advance(1000);
		t.clock.advance(1000);
		await nextTurn();
		const runs = t.store.query({jobId: 'slow'});
		expect(runs.map(run => run.status).sort()).toEqual(['running', 'skipped']);
		expect(runs.find(run => run.status === 'skipped')?.message).toBe('previous run still going (concurrency: skip)');
	});

	it('queue: waits for the running one, coalescing further fires', async () => {
		t = openScheduler(everySecond('queue'));
		t.scheduler.start();
		t.clock.advance(3000);
		await nextTurn();
		expect(t.store.query({jobId: 'slow'}).map(run => run.status).sort()).toEqual(['queued', 'running', 'skipped']);
		t.scheduler.cancel(t.started[0]!.id);
		await t.scheduler.whenFinished(t.started[0]!.id);
		expect(t.started).toHaveLength(2);
		expect(t.started[1]!.scheduledAt).toBe(at('2026-11-20T10:00:02+08:00'));
	});

	it('replace: cancels the running one and starts the new one', async () => {
		t = openScheduler(everySecond('replace'));
		t.scheduler.start();
		t.clock.advance(1000);
		t.clock.advance(1000);
		const first = await t.scheduler.whenFinished(t.started[0]!.id);
		expect(first).toMatchObject({status: 'cancelled', error: {message: 'cancelled: replaced by a newer run (concurrency: replace)'}});
		expect(t.started).toHaveLength(2);
	});

	it('allow: runs them side by side', () => {
		t = openScheduler(everySecond('allow'));
		t.scheduler.start();
		t.clock.advance(3000);
		expect(t.scheduler.snapshot().live.filter(run => run.status === 'running')).toHaveLength(3);
	});
});

describe('max_parallel, queues and priority', () => {
	it('never exceeds max_parallel and starts waiting runs by priority', async () => {
		t = openScheduler(`max_parallel: 1
jobs:
  - {id: blocker, trigger: manual, module: jobs/sleep.ts, params: {ms: 60000}}
  - {id: low, trigger: manual, command: ["true"], priority: low}
  - {id: mid, trigger: manual, command: ["true"], priority: medium}
  - {id: high, trigger: manual, command: ["true"], priority: high}
`);
		t.scheduler.start();
		let most = 0;
		t.scheduler.events.on('run-started', () => {
			most = Math.max(most, t!.scheduler.snapshot().live.filter(run => run.status === 'running').length);
		});
		const blocker = t.scheduler.submit('blocker');
		t.scheduler.submit('low');
		t.scheduler.submit('mid');
		t.scheduler.submit('high');
		expect(t.started.map(run => run.jobId)).toEqual(['blocker']);
		t.scheduler.cancel(blocker.ok ? blocker.run.id : 0);
		await t.scheduler.whenFinished(blocker.ok ? blocker.run.id : 0);
		await Promise.all(t.started.slice(1).map(async run => t!.scheduler.whenFinished(run.id)));
		await t.scheduler.whenFinished(t.started.at(-1)!.id);
		await t.scheduler.whenFinished(t.started.at(-1)!.id);
		expect(t.started.map(run => run.jobId)).toEqual(['blocker', 'high', 'mid', 'low']);
		expect(most).toBe(1);
	});

	it('queues every fire of a second before any starts: the free slot goes to the high-priority job, not the first in the file', () => {
		t = openScheduler(`max_parallel: 1
jobs:
  - {id: first_low, cron: "*/10 * * * * *", module: jobs/sleep.ts, params: {ms: 60000}, priority: low}
  - {id: second_mid, cron: "*/10 * * * * *", module: jobs/sleep.ts, params: {ms: 60000}}
  - {id: third_high, cron: "*/10 * * * * *", module: jobs/sleep.ts, params: {ms: 60000}, priority: high}
`);
		t.scheduler.start();
		t.clock.advance(10_000);
		expect(t.started.map(run => run.jobId)).toEqual(['third_high']);
		expect(t.scheduler.snapshot().live.map(run => `${run.jobId} ${run.status}`)).toEqual(['third_high running', 'second_mid queued', 'first_low queued']);
	});

	it('a run cancelled in the queue is recorded and told like one cancelled behind a busy worker', async () => {
		t = openScheduler(`max_parallel: 1
jobs:
  - {id: blocker, trigger: manual, command: ["sleep", "60"]}
  - {id: report, trigger: manual, command: ["true"]}
`);
		t.scheduler.start();
		const blocker = t.scheduler.submit('blocker');
		const report = t.scheduler.submit('report');
		const finished: number[] = [];
		t.scheduler.events.on('run-finished', run => finished.push(run.id));
		const reportId = report.ok ? report.run.id : 0;
		expect(t.scheduler.cancel(reportId)).toMatchObject({ok: true});
		expect(t.scheduler.cancel(reportId)).toMatchObject({ok: false});
		expect((await t!.stored(reportId))).toMatchObject({status: 'cancelled', message: 'cancelled before it started', startedAt: undefined});
		expect(finished).toEqual([reportId]);
		expect(t.scheduler.tail.newest(10, 0, line => line.runId === reportId).map(line => line.msg)).toEqual([`■ report cancelled before it started (run ${reportId})`]);
		expect(t.scheduler.snapshot().today).toMatchObject({runs: 1, succeeded: 0, failed: 0});
		t.scheduler.cancel(blocker.ok ? blocker.run.id : 0);
		await t.scheduler.whenFinished(blocker.ok ? blocker.run.id : 0);
		expect(t.started.map(run => run.jobId)).toEqual(['blocker']);
	});

	it('respects per-queue limits', () => {
		t = openScheduler(`max_parallel: 4
queues: {data: 1}
jobs:
  - {id: a, trigger: manual, module: jobs/sleep.ts, params: {ms: 60000}, queue: data}
  - {id: b, trigger: manual, module: jobs/sleep.ts, params: {ms: 60000}, queue: data}
  - {id: c, trigger: manual, module: jobs/sleep.ts, params: {ms: 60000}}
`);
		t.scheduler.start();
		for (const id of ['a', 'b', 'c']) {
			t.scheduler.submit(id);
		}

		expect(t.started.map(run => run.jobId)).toEqual(['a', 'c']);
	});
});

describe('restarts', () => {
	it('marks runs left running by a dead process as interrupted, keeping their progress', async () => {
		t = openScheduler('jobs:\n  - {id: a, trigger: manual, command: ["true"]}\n');
		const orphan = seedRun(t.store, {jobId: 'a', trigger: 'schedule', status: 'running', scheduledAt: at('2026-11-20T09:00:00+08:00'), startedAt: at('2026-11-20T09:00:00+08:00'), attempt: 1, progress: 0.6, message: 'symbol 6 of 10'});
		t.scheduler.start();
		expect((await t!.stored(orphan.id))).toMatchObject({status: 'interrupted', progress: 0.6, message: 'symbol 6 of 10', error: {type: 'Interrupted'}});
		expect(t.scheduler.snapshot().failuresToday.map(run => run.id)).toEqual([orphan.id]);
	});

	for (const [policy, grace, expected] of [
		['skip', '', []],
		['once', '', ['10:05']],
		['all', '', ['10:02', '10:03', '10:04', '10:05']],
		['all', '\n    misfire_grace: 100s', ['10:04', '10:05']],
	] as const) {
		it(`catch_up: ${policy}${grace ? ' within misfire_grace' : ''} runs ${expected.length} missed fire time${expected.length === 1 ? '' : 's'}`, async () => {
			const yaml = `jobs:\n  - id: m\n    cron: "* * * * *"\n    command: ["true"]\n    catch_up: ${policy}${grace}\n`;
			t = openScheduler(yaml, {now: at('2026-11-20T10:00:30+08:00')});
			t.scheduler.start();
			t.clock.advance(30_000);
			await t.scheduler.whenFinished(t.started[0]!.id);
			t = await t.restart(at('2026-11-20T10:05:30+08:00'));
			t.scheduler.start();
			await t.scheduler.historyWritten();
			const caughtUp = t.store.query({}).filter(run => run.trigger === 'catch-up');
			const clock = (ms: number) => new Date(ms).toLocaleTimeString('en-GB', {timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit'});
			expect(caughtUp.map(run => clock(run.scheduledAt)).sort()).toEqual(expected);
			for (const run of caughtUp) {
				expect((await t.scheduler.whenFinished(run.id))?.status).toBe('success');
			}

			t.clock.advance(30_000);
			expect(t.started.filter(run => run.trigger === 'schedule').map(run => clock(run.scheduledAt))).toEqual(['10:06']);
		});
	}
});

describe('catch-up of jobs that have not fired yet, and of long outages', () => {
	const clock = (ms: number) => new Date(ms).toLocaleTimeString('en-GB', {timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', second: '2-digit'});

	it('a one-shot run_date and a first daily fire that fell while the scheduler was down run at the next start (the job was already scheduled)', async () => {
		const yaml = `jobs:
  - {id: once, trigger: date, run_date: "2026-11-20T10:02:00+08:00", catch_up: once, command: ["true"]}
  - {id: daily, cron: "0 3 10 * * *", catch_up: once, command: ["true"]}
  - {id: later, trigger: manual, command: ["true"]}
`;
		t = openScheduler(yaml, {now: at('2026-11-20T10:00:30+08:00')});
		t.scheduler.start();
		await t.scheduler.historyWritten();
		t = await t.restart(at('2026-11-20T10:05:30+08:00'));
		t.scheduler.start();
		await t.scheduler.historyWritten();
		const caughtUp = t.store.query({}).filter(run => run.trigger === 'catch-up');
		expect(caughtUp.map(run => `${run.jobId} ${clock(run.scheduledAt)}`).sort()).toEqual(['daily 10:03:00', 'once 10:02:00']);
	});

	it('a job added to jobs.yaml while the scheduler was down is owed nothing from before it was there', async () => {
		t = openScheduler('jobs:\n  - {id: other, trigger: manual, command: ["true"]}\n', {now: at('2026-11-20T10:00:30+08:00')});
		t.scheduler.start();
		await t.scheduler.historyWritten();
		t = await t.restart(at('2026-11-20T10:05:30+08:00'), 'jobs:\n  - {id: other, trigger: manual, command: ["true"]}\n  - {id: added, cron: "* * * * *", catch_up: all, command: ["true"]}\n');
		t.scheduler.start();
		await t.scheduler.historyWritten();
		expect(t.store.query({}).filter(run => run.trigger === 'catch-up')).toEqual([]);
	});

	it('catch_up: once after hours down runs the latest fire within misfire_grace, and says the count is capped', async () => {
		const yaml = `jobs:
  - id: tick
    cron: "* * * * * *"
    catch_up: once
    misfire_grace: 1m
    command: ["true"]
`;
		t = openScheduler(yaml, {now: at('2026-11-20T10:00:00.500+08:00')});
		t.scheduler.start();
		t.clock.advance(1000);
		await t.scheduler.whenFinished(t.started[0]!.id);
		t = await t.restart(at('2026-11-20T14:00:00.500+08:00'));
		t.scheduler.start();
		await t.scheduler.historyWritten();
		const caughtUp = t.store.query({}).filter(run => run.trigger === 'catch-up');
		expect(caughtUp.map(run => clock(run.scheduledAt))).toEqual(['14:00:00']);
		expect(t.logger.lines.map(line => line.msg)).toContain('tick: at least 10000 fire times missed while stopped; catch_up once runs 1, 10000 beyond misfire_grace');
	});
});

describe('chains and reloads', () => {
	it('runs an `after` job when all its parents succeeded for the same trade date', async () => {
		t = openScheduler(`jobs:
  - {id: bars, trigger: manual, command: ["true"]}
  - {id: news, trigger: manual, command: ["true"]}
  - {id: features, after: [bars, news], command: ["true"]}
`);
		t.scheduler.start();
		const bars = t.scheduler.submit('bars', {tradeDate: '2026-11-20'});
		await t.scheduler.whenFinished(bars.ok ? bars.run.id : 0);
		expect(t.started.map(run => run.jobId)).toEqual(['bars']);
		const news = t.scheduler.submit('news', {tradeDate: '2026-11-20'});
		await t.scheduler.whenFinished(news.ok ? news.run.id : 0);
		expect(t.started.map(run => [run.jobId, run.trigger, run.tradeDate])).toEqual([
			['bars', 'manual', '2026-11-20'], ['news', 'manual', '2026-11-20'], ['features', 'chain', '2026-11-20'],
		]);
	});

	it('applies a new config without touching live runs', async () => {
		t = openScheduler('jobs:\n  - {id: long, trigger: manual, module: jobs/sleep.ts, params: {ms: 60000}}\n  - {id: old, cron: "* * * * *", command: ["true"]}\n');
		t.scheduler.start();
		const long = t.scheduler.submit('long');
		const {parseJobsConfig} = await import('../../src/config/load-jobs-config.js');
		const changes: unknown[] = [];
		t.scheduler.events.on('config-reloaded', change => changes.push(change));
		t.scheduler.reload(parseJobsConfig('jobs:\n  - {id: long, trigger: manual, module: jobs/sleep.ts, params: {ms: 1}}\n  - {id: new, cron: "*/2 * * * * *", command: ["true"]}\n', 'x', t.root.dir));
		expect(changes).toEqual([{added: ['new'], removed: ['old'], changed: ['long']}]);
		expect(t.scheduler.snapshot().jobs.map(job => job.id)).toEqual(['long', 'new']);
		expect(t.scheduler.snapshot().live.map(run => run.runId)).toEqual([long.ok ? long.run.id : 0]);
		t.clock.advance(2000);
		expect(t.started.map(run => run.jobId)).toEqual(['long', 'new']);
	});
});
