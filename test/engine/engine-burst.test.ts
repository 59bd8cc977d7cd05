import {describe, expect, it} from 'vitest';
import {waitFor} from '../helpers/run-cli.js';
import {trackTestEngines, type TestEngine} from '../helpers/test-engine.js';

const openEngine = trackTestEngines();
let t: TestEngine | undefined;

describe('a burst of 200 jobs due in the same second', () => {
	it('runs every one exactly once, in priority order, never above max_parallel', async () => {
		const priorities = ['low', 'medium', 'high'] as const;
		const jobs = Array.from({length: 200}, (_, i) => `  - {id: job_${i}, cron: "0 * * * * *", command: ["true"], priority: ${priorities[i % 3]}}`);
		t = openEngine(`max_parallel: 8\njobs:\n${jobs.join('\n')}\n`, {now: Date.parse('2026-11-20T10:00:59.500+08:00')});
		let live = 0;
		let most = 0;
		const told: string[] = [];
		t.engine.events.on('run-started', run => {
			live++;
			most = Math.max(most, live);
			told.push(`start ${run.id}`);
		});
		t.engine.events.on('run-finished', run => {
			live--;
			told.push(`end ${run.id}`);
		});
		t.engine.start();
		t.clock.advance(500);
		// The console holds its frames while runs wait for a slot, and draws once the burst is through.
		expect(t.engine.isQuietFor(40)).toBe(false);
		await waitFor(() => t!.finished.length === 200, 60_000, 'all 200 runs');
		// Nor right after the last start, while its worker gets it going; 20 ms later it may.
		expect(t.engine.isQuietFor(40)).toBe(false);
		t.clock.advance(20);
		expect(t.engine.isQuietFor(40)).toBe(true);
		expect(t.engine.isQuietFor(61_000)).toBe(false);
		const ids = t.started.map(run => run.jobId);
		expect(new Set(ids).size).toBe(200);
		expect(t.finished.every(run => run.status === 'success')).toBe(true);
		const rank = (id: string) => ({high: 0, medium: 1, low: 2})[priorities[Number(id.slice(4)) % 3]!];
		const ranks = ids.map(id => rank(id));
		expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
		expect(most).toBe(8);
		// What is told of the runs (held while the burst is worked through) all arrives, each start before its end.
		expect(told).toHaveLength(400);
		expect(t.finished.every(run => told.indexOf(`start ${run.id}`) < told.indexOf(`end ${run.id}`))).toBe(true);
		const logged = t.logger.lines.filter(line => line.msg === 'run started' || line.msg === 'run finished');
		expect(logged).toHaveLength(400);
		// Each run's start and end reach history (written together once the burst is through).
		const recorded = await Promise.all(t.finished.map(async run => t!.engine.whenFinished(run.id)));
		expect(recorded.every(run => run?.status === 'success')).toBe(true);
		const rows = t.store.query({limit: 1000});
		expect(rows).toHaveLength(200);
		expect(rows.filter(run => run.status === 'success' && run.startedAt && run.finishedAt && run.durationMs !== undefined && run.logPath)).toHaveLength(200);
	});

	it('stopped in the middle of a burst, records and tells every run: none left queued or running', async () => {
		const jobs = Array.from({length: 40}, (_, i) => `  - {id: job_${i}, cron: "0 * * * * *", module: jobs/sleep.ts, params: {ms: 200}}`);
		t = openEngine(`max_parallel: 4\njobs:\n${jobs.join('\n')}\n`, {now: Date.parse('2026-11-20T10:00:59.500+08:00')});
		t.engine.start();
		t.clock.advance(500);
		await waitFor(() => t!.started.length >= 4, 20_000, 'the first runs');
		await t.engine.stop('cancel');
		const rows = t.store.query({limit: 100});
		expect(rows).toHaveLength(40);
		expect(rows.filter(run => run.status === 'queued' || run.status === 'running')).toEqual([]);
		// Every run is told ended (the running ones and the ones still waiting) and recorded as cancelled.
		expect(new Set(t.finished.map(run => run.id)).size).toBe(40);
		expect(t.started.every(run => t!.finished.some(end => end.id === run.id))).toBe(true);
		expect(rows.every(run => run.status === 'cancelled')).toBe(true);
	});
});
