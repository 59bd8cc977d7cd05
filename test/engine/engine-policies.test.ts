import {describe, expect, it} from 'vitest';
import {trackTestEngines, type TestEngine} from '../helpers/test-engine.js';

const openEngine = trackTestEngines();
let t: TestEngine | undefined;

/** Starts and ends of runs reach history once per turn of the event loop. */
const nextTurn = async () => new Promise(resolve => {
	setImmediate(resolve);
});
const at = (iso: string) => Date.parse(iso);
const everySecond = (policy: string, extra = '') => `jobs:\n  - id: slow\n    cron: "* * * * * *"\n    module: jobs/sleep.ts\n    params: {ms: 60000}\n    concurrency: ${policy}\n${extra}`;

describe('concurrency when a run outlives its interval', () => {
	it('skip: records the overlapping fire as skipped', async () => {
		t = openEngine(everySecond('skip'));
		t.engine.start();
		t.clock.advance(1000);
		t.clock.advance(1000);
		await nextTurn();
		const runs = t.store.query({jobId: 'slow'});
		expect(runs.map(run => run.status).sort()).toEqual(['running', 'skipped']);
		expect(runs.find(run => run.status === 'skipped')?.message).toBe('previous run still going (concurrency: skip)');
	});

	it('queue: waits for the running one, coalescing further fires', async () => {
		t = openEngine(everySecond('queue'));
		t.engine.start();
		t.clock.advance(3000);
		await nextTurn();
		expect(t.store.query({jobId: 'slow'}).map(run => run.status).sort()).toEqual(['queued', 'running', 'skipped']);
		t.engine.cancel(t.started[0]!.id);
		await t.engine.whenFinished(t.started[0]!.id);
		expect(t.started).toHaveLength(2);
		expect(t.started[1]!.scheduledAt).toBe(at('2026-11-20T10:00:02+08:00'));
	});

	it('replace: cancels the running one and starts the new one', async () => {
		t = openEngine(everySecond('replace'));
		t.engine.start();
		t.clock.advance(1000);
		t.clock.advance(1000);
		const first = await t.engine.whenFinished(t.started[0]!.id);
		expect(first).toMatchObject({status: 'cancelled', error: {message: 'cancelled: replaced by a newer run (concurrency: replace)'}});
		expect(t.started).toHaveLength(2);
	});

	it('allow: runs them side by side', () => {
		t = openEngine(everySecond('allow'));
		t.engine.start();
		t.clock.advance(3000);
		expect(t.engine.snapshot().live.filter(run => run.status === 'running')).toHaveLength(3);
	});
});

describe('max_parallel, queues and priority', () => {
	it('never exceeds max_parallel and starts waiting runs by priority', async () => {
		t = openEngine(`max_parallel: 1
jobs:
  - {id: blocker, trigger: manual, module: jobs/sleep.ts, params: {ms: 60000}}
  - {id: low, trigger: manual, command: ["true"], priority: low}
  - {id: mid, trigger: manual, command: ["true"], priority: medium}
  - {id: high, trigger: manual, command: ["true"], priority: high}
`);
		t.engine.start();
		let most = 0;
		t.engine.events.on('run-started', () => {
			most = Math.max(most, t!.engine.snapshot().live.filter(run => run.status === 'running').length);
		});
		const blocker = t.engine.submit('blocker');
		t.engine.submit('low');
		t.engine.submit('mid');
		t.engine.submit('high');
		expect(t.started.map(run => run.jobId)).toEqual(['blocker']);
		t.engine.cancel(blocker.ok ? blocker.run.id : 0);
		await t.engine.whenFinished(blocker.ok ? blocker.run.id : 0);
		await Promise.all(t.started.slice(1).map(async run => t!.engine.whenFinished(run.id)));
		await t.engine.whenFinished(t.started.at(-1)!.id);
		await t.engine.whenFinished(t.started.at(-1)!.id);
		expect(t.started.map(run => run.jobId)).toEqual(['blocker', 'high', 'mid', 'low']);
		expect(most).toBe(1);
	});

	it('a run cancelled in the queue is recorded and told like one cancelled behind a busy worker', async () => {
		t = openEngine(`max_parallel: 1
jobs:
  - {id: blocker, trigger: manual, command: ["sleep", "60"]}
  - {id: report, trigger: manual, command: ["true"]}
`);
		t.engine.start();
		const blocker = t.engine.submit('blocker');
		const report = t.engine.submit('report');
		const finished: number[] = [];
		t.engine.events.on('run-finished', run => finished.push(run.id));
		const reportId = report.ok ? report.run.id : 0;
		expect(t.engine.cancel(reportId)).toBe(true);
		expect(t.engine.cancel(reportId)).toBe(false);
		expect(t.store.getRun(reportId)).toMatchObject({status: 'cancelled', message: 'cancelled before it started', startedAt: undefined});
		expect(finished).toEqual([reportId]);
		expect(t.engine.tail.newest(10, 0, line => line.runId === reportId).map(line => line.msg)).toEqual([`■ report cancelled before it started (run ${reportId})`]);
		expect(t.engine.snapshot().today).toMatchObject({runs: 1, succeeded: 0, failed: 0});
		t.engine.cancel(blocker.ok ? blocker.run.id : 0);
		await t.engine.whenFinished(blocker.ok ? blocker.run.id : 0);
		expect(t.started.map(run => run.jobId)).toEqual(['blocker']);
	});

	it('respects per-queue limits', () => {
		t = openEngine(`max_parallel: 4
queues: {data: 1}
jobs:
  - {id: a, trigger: manual, module: jobs/sleep.ts, params: {ms: 60000}, queue: data}
  - {id: b, trigger: manual, module: jobs/sleep.ts, params: {ms: 60000}, queue: data}
  - {id: c, trigger: manual, module: jobs/sleep.ts, params: {ms: 60000}}
`);
		t.engine.start();
		for (const id of ['a', 'b', 'c']) {
			t.engine.submit(id);
		}

		expect(t.started.map(run => run.jobId)).toEqual(['a', 'c']);
	});
});

describe('restarts', () => {
	it('marks runs left running by a dead process as interrupted, keeping their progress', async () => {
		t = openEngine('jobs:\n  - {id: a, trigger: manual, command: ["true"]}\n');
		const orphan = t.store.createRun({jobId: 'a', trigger: 'schedule', status: 'running', scheduledAt: at('2026-11-20T09:00:00+08:00'), startedAt: at('2026-11-20T09:00:00+08:00'), attempt: 1, progress: 0.6, message: 'symbol 6 of 10'});
		t.engine.start();
		expect(t.store.getRun(orphan.id)).toMatchObject({status: 'interrupted', progress: 0.6, message: 'symbol 6 of 10', error: {type: 'Interrupted'}});
		expect(t.engine.snapshot().failuresToday.map(run => run.id)).toEqual([orphan.id]);
	});

	for (const [policy, grace, expected] of [
		['skip', '', []],
		['once', '', ['10:05']],
		['all', '', ['10:02', '10:03', '10:04', '10:05']],
		['all', '\n    misfire_grace: 100s', ['10:04', '10:05']],
	] as const) {
		it(`catch_up: ${policy}${grace ? ' within misfire_grace' : ''} runs ${expected.length} missed fire time(s)`, async () => {
			const yaml = `jobs:\n  - id: m\n    cron: "* * * * *"\n    command: ["true"]\n    catch_up: ${policy}${grace}\n`;
			t = openEngine(yaml, {now: at('2026-11-20T10:00:30+08:00')});
			t.engine.start();
			t.clock.advance(30_000);
			await t.engine.whenFinished(t.started[0]!.id);
			t = await t.restart(at('2026-11-20T10:05:30+08:00'));
			t.engine.start();
			const caughtUp = t.store.query({}).filter(run => run.trigger === 'catch-up');
			const clock = (ms: number) => new Date(ms).toLocaleTimeString('en-GB', {timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit'});
			expect(caughtUp.map(run => clock(run.scheduledAt)).sort()).toEqual(expected);
			for (const run of caughtUp) {
				expect((await t.engine.whenFinished(run.id))?.status).toBe('success');
			}

			t.clock.advance(30_000);
			expect(t.started.filter(run => run.trigger === 'schedule').map(run => clock(run.scheduledAt))).toEqual(['10:06']);
		});
	}
});

describe('chains and reloads', () => {
	it('runs an `after` job when all its parents succeeded for the same trade date', async () => {
		t = openEngine(`jobs:
  - {id: bars, trigger: manual, command: ["true"]}
  - {id: news, trigger: manual, command: ["true"]}
  - {id: features, after: [bars, news], command: ["true"]}
`);
		t.engine.start();
		const bars = t.engine.submit('bars', {tradeDate: '2026-11-20'});
		await t.engine.whenFinished(bars.ok ? bars.run.id : 0);
		expect(t.started.map(run => run.jobId)).toEqual(['bars']);
		const news = t.engine.submit('news', {tradeDate: '2026-11-20'});
		await t.engine.whenFinished(news.ok ? news.run.id : 0);
		expect(t.started.map(run => [run.jobId, run.trigger, run.tradeDate])).toEqual([
			['bars', 'manual', '2026-11-20'], ['news', 'manual', '2026-11-20'], ['features', 'chain', '2026-11-20'],
		]);
	});

	it('applies a new config without touching live runs', async () => {
		t = openEngine('jobs:\n  - {id: long, trigger: manual, module: jobs/sleep.ts, params: {ms: 60000}}\n  - {id: old, cron: "* * * * *", command: ["true"]}\n');
		t.engine.start();
		const long = t.engine.submit('long');
		const {parseJobsConfig} = await import('../../src/config/load-jobs-config.js');
		const changes: unknown[] = [];
		t.engine.events.on('config-reloaded', change => changes.push(change));
		t.engine.reload(parseJobsConfig('jobs:\n  - {id: long, trigger: manual, module: jobs/sleep.ts, params: {ms: 1}}\n  - {id: new, cron: "*/2 * * * * *", command: ["true"]}\n', 'x', t.root.dir));
		expect(changes).toEqual([{added: ['new'], removed: ['old'], changed: ['long']}]);
		expect(t.engine.snapshot().jobs.map(job => job.id)).toEqual(['long', 'new']);
		expect(t.engine.snapshot().live.map(run => run.runId)).toEqual([long.ok ? long.run.id : 0]);
		t.clock.advance(2000);
		expect(t.started.map(run => run.jobId)).toEqual(['long', 'new']);
	});
});
