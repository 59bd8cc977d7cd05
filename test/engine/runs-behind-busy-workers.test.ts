import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {trackTestEngines, type TestEngine} from '../helpers/test-engine.js';
import {makeTempRoot, testJobs} from '../helpers/temp-root.js';

const openEngine = trackTestEngines();
let t: TestEngine | undefined;

/** A job that reports, in its result, when it really ran (the worker's clock). */
const spanJob = `export default async function run(ctx: any) {
	const start = Date.now();
	await new Promise(resolve => setTimeout(resolve, Number(ctx.params.ms ?? 20)));
	return {start, end: Date.now()};
}
`;

function openWithSpans(yaml: string): TestEngine {
	return openEngine(yaml, {root: makeTempRoot({...testJobs, 'jobs/span.ts': spanJob})});
}

const job = (id: string, module: string, extra = '') => `  - {id: ${id}, trigger: manual, module: jobs/${module}.ts, concurrency: allow${extra}}`;

function submitted(id: string, params?: Record<string, unknown>): number {
	const result = t!.engine.submit(id, params ? {params} : {});
	if (!result.ok) {
		throw new Error(`could not submit ${id}: ${result.reason}`);
	}

	return result.run.id;
}

describe('runs waiting for a slot on a busy worker', () => {
	it('start there one after another, shown as queued until they do, never above max_parallel', async () => {
		t = openWithSpans(`max_parallel: 2\nwarm_workers: 2\njobs:\n${job('span', 'span')}\n`);
		t.engine.start();
		const ids = Array.from({length: 12}, () => submitted('span'));
		const live = t.engine.snapshot().live;
		expect(live.filter(run => run.status === 'running')).toHaveLength(2);
		expect(live.filter(run => run.status === 'queued')).toHaveLength(10);
		const records = await Promise.all(ids.map(async id => t!.engine.whenFinished(id)));
		expect(records.map(run => run?.status)).toEqual(Array.from({length: 12}, () => 'success'));
		expect(records.every(run => run?.startedAt !== undefined && run.logPath)).toBe(true);
		// What the jobs themselves saw: never more than two running at the same instant.
		const spans = records.map(run => run!.result as {start: number; end: number});
		for (const span of spans) {
			expect(spans.filter(other => other.start <= span.start && span.start < other.end).length).toBeLessThanOrEqual(2);
		}

		// Each started once, with its own log file holding its first and last lines.
		expect(new Set(t.started.map(run => run.id))).toEqual(new Set(ids));
		for (const run of records) {
			const lines = readFileSync(run!.logPath!, 'utf8').trim().split('\n').map(line => JSON.parse(line) as {msg: string; runId: number});
			expect(lines.map(line => line.msg)).toEqual(['run started', 'run success']);
			expect(lines.every(line => line.runId === run!.id)).toBe(true);
		}
	});

	it('cancelled before it starts: recorded as cancelled before it started, and never runs', async () => {
		t = openEngine(`max_parallel: 1\njobs:\n${job('blocker', 'sleep')}\n${job('ok', 'ok')}\n`);
		t.engine.start();
		const blocker = submitted('blocker', {ms: 60_000});
		const waiting = submitted('ok');
		expect(t.engine.snapshot().live.find(run => run.runId === waiting)?.status).toBe('queued');
		expect(t.engine.cancel(waiting)).toBe(true);
		const record = await t.engine.whenFinished(waiting);
		expect(record).toMatchObject({status: 'cancelled', message: 'cancelled before it started'});
		expect(record?.startedAt).toBeUndefined();
		t.engine.cancel(blocker);
		await t.engine.whenFinished(blocker);
		// Give a worker that wrongly kept it time to run it: it must not.
		await new Promise(resolve => {
			setTimeout(resolve, 300);
		});
		expect(t.started.map(run => run.id)).toEqual([blocker]);
		expect(t.store.getRun(waiting)?.status).toBe('cancelled');
		const lines = readFileSync(record!.logPath!, 'utf8').trim().split('\n').map(line => (JSON.parse(line) as {msg: string}).msg);
		expect(lines).toEqual(['run cancelled before it started']);
	});

	it('are taken back by a slot that frees, instead of waiting behind a long run', async () => {
		t = openWithSpans(`max_parallel: 2\nwarm_workers: 2\njobs:\n${job('long', 'sleep')}\n${job('span', 'span')}\n`);
		t.engine.start();
		const long = submitted('long', {ms: 60_000});
		const short = submitted('span', {ms: 100});
		const next = Array.from({length: 4}, () => submitted('span'));
		// Every one of them finishes while the long run still goes.
		const records = await Promise.all([short, ...next].map(async id => t!.engine.whenFinished(id)));
		expect(records.map(run => run?.status)).toEqual(['success', 'success', 'success', 'success', 'success']);
		expect(t.store.getRun(long)?.status).toBe('running');
	});

	it('are overtaken by a run of higher priority submitted after them', async () => {
		t = openEngine(`max_parallel: 1\njobs:\n${job('blocker', 'sleep')}\n${job('low', 'ok', ', priority: low')}\n${job('high', 'ok', ', priority: high')}\n`);
		t.engine.start();
		const blocker = submitted('blocker', {ms: 400});
		const lows = [submitted('low'), submitted('low')];
		const high = submitted('high');
		await Promise.all([blocker, ...lows, high].map(async id => t!.engine.whenFinished(id)));
		expect(t.started.map(run => run.jobId)).toEqual(['blocker', 'high', 'low', 'low']);
		expect(t.finished.every(run => run.status === 'success')).toBe(true);
	});

	it('are overtaken by a command of higher priority, which needs a slot of its own', async () => {
		t = openEngine(`max_parallel: 1\njobs:\n${job('blocker', 'sleep')}\n${job('low', 'ok', ', priority: low')}\n  - {id: urgent, trigger: manual, command: ["true"], priority: high}\n`);
		t.engine.start();
		const ids = [submitted('blocker', {ms: 300}), submitted('low'), submitted('low'), submitted('urgent')];
		await Promise.all(ids.map(async id => t!.engine.whenFinished(id)));
		expect(t.started.map(run => run.jobId)).toEqual(['blocker', 'urgent', 'low', 'low']);
	});

	it('keep priority across workers: no run of lower priority starts while one of higher priority waits', async () => {
		t = openWithSpans(`max_parallel: 2\nwarm_workers: 2\njobs:\n${job('blocker', 'sleep')}\n${job('low', 'span', ', priority: low')}\n${job('high', 'span', ', priority: high')}\n`);
		t.engine.start();
		const ids = [submitted('blocker', {ms: 300}), submitted('blocker', {ms: 50})];
		for (let i = 0; i < 4; i++) {
			ids.push(submitted('low', {ms: 10}), submitted('high', {ms: 80}));
		}

		await Promise.all(ids.map(async id => t!.engine.whenFinished(id)));
		const order = t.started.map(run => run.jobId).filter(id => id !== 'blocker');
		expect(order).toEqual(['high', 'high', 'high', 'high', 'low', 'low', 'low', 'low']);
		expect(t.finished.every(run => run.status === 'success')).toBe(true);
	});

	for (const [what, module] of [['returns when asked to stop', 'sleep'], ['ignores being asked to stop (spins)', 'spin']] as const) {
		it(`move to another worker when the run before them is cancelled and ${what}`, async () => {
			t = openWithSpans(`max_parallel: 1\njobs:\n${job('first', module)}\n${job('span', 'span')}\n`);
			t.engine.start();
			const first = submitted('first', {ms: 60_000});
			const behind = [submitted('span'), submitted('span')];
			t.engine.cancel(first);
			const records = await Promise.all([first, ...behind].map(async id => t!.engine.whenFinished(id)));
			expect(records.map(run => run?.status)).toEqual(['cancelled', 'success', 'success']);
			expect(t.started.map(run => run.id)).toEqual([first, ...behind]);
		});
	}

	it('move to another worker when the run before them ends its worker (process.exit)', async () => {
		t = openWithSpans(`max_parallel: 1\njobs:\n${job('first', 'exits')}\n${job('span', 'span')}\n`);
		t.engine.start();
		const ids = [submitted('first'), submitted('span'), submitted('span')];
		const records = await Promise.all(ids.map(async id => t!.engine.whenFinished(id)));
		expect(records.map(run => run?.status)).toEqual(['failed', 'success', 'success']);
		expect(records[0]?.error?.type).toBe('ProcessExit');
	});

	it('are cancelled, not started, when the scheduler stops', async () => {
		t = openEngine(`max_parallel: 1\njobs:\n${job('blocker', 'sleep')}\n${job('ok', 'ok')}\n`);
		t.engine.start();
		const blocker = submitted('blocker', {ms: 60_000});
		const waiting = [submitted('ok'), submitted('ok')];
		await t.engine.stop('wait', 200);
		expect(t.store.getRun(blocker)?.status).toBe('cancelled');
		for (const id of waiting) {
			expect(t.store.getRun(id)).toMatchObject({status: 'cancelled', message: 'not started: the scheduler stopped'});
		}

		expect(t.started.map(run => run.id)).toEqual([blocker]);
	});
});

describe('the console beside runs waiting on busy workers', () => {
	it('draws while they wait behind long runs, and holds its frames only while starts go on', async () => {
		t = openEngine(`max_parallel: 1\njobs:\n${job('long', 'sleep')}\n${job('ok', 'ok')}\n  - {id: later, cron: "0 0 * * * *", command: ["true"]}\n`);
		t.engine.start();
		submitted('long', {ms: 60_000});
		submitted('ok');
		expect(t.engine.snapshot().live.map(run => run.status)).toEqual(['running', 'queued']);
		expect(t.engine.isQuietFor(40)).toBe(false);
		t.clock.advance(20);
		expect(t.engine.isQuietFor(40)).toBe(true);
	});
});
