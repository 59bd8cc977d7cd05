/**
 * A worker machine whose wall clock is two hours off (no NTP; here libfaketime on the worker process
 * only): its runs keep a start the console can use. The start a worker told was its own clock's, and
 * the console recorded it and counted the run's timeout from it: with the clock behind, a run with a
 * 30 s timeout timed out on the console at once (`timeout in 2h00m`); with it ahead, history read
 * started two hours after finished. The worker says in its log that its clock is off. Real parts: a
 * redis-server, the scheduling host of a console, real `sage-console worker` processes.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {SchedulerHost} from '../../src/host/scheduler-host.js';
import {canStepClock, steppedClock} from '../helpers/stepped-clock.js';
import {waitFor} from '../helpers/wait-for.js';
import {WorkerProcesses, type WorkerProcess} from '../helpers/worker-process.js';
import {finished, rowsOf} from './remote-fixtures.js';
import {openRemoteStage, type RemoteStage} from './remote-stage.js';

let stage: RemoteStage;
let host: SchedulerHost;
const clockDirs: string[] = [];
const workers = new WorkerProcesses();
const started: Record<string, WorkerProcess> = {};

/** A worker on `queue` whose wall clock is `offset` (libfaketime) from the real one. */
async function workerWithClock(queue: string, offset: string): Promise<WorkerProcess> {
	const dir = mkdtempSync(path.join(tmpdir(), 'sage-clock-'));
	clockDirs.push(dir);
	const clock = steppedClock(dir);
	clock.step(offset);
	return workers.start(stage.root.dir, stage.redis.url(), ['--queues', queue], clock.env);
}

beforeAll(async () => {
	if (!canStepClock) {
		return;
	}

	stage = await openRemoteStage({jobsYaml: `jobs:
  - {id: on_late_clock, trigger: manual, module: jobs/steps.ts, params: {steps: 5, ms: 100}, timeout: 30s, run_on: workers, workers: behind}
  - {id: on_early_clock, trigger: manual, module: jobs/steps.ts, params: {steps: 5, ms: 100}, timeout: 30s, run_on: workers, workers: ahead}
`, workerArgs: [], workerCount: 0});
	({host} = stage);
	started.behind = await workerWithClock('behind', '-2h');
	started.ahead = await workerWithClock('ahead', '+2h');
}, 60_000);

afterAll(async () => {
	await workers.killAll();
	await stage?.close();
	for (const dir of clockDirs) {
		rmSync(dir, {recursive: true, force: true});
	}
}, 30_000);

describe.skipIf(!canStepClock)('a worker whose clock is two hours off', () => {
	it.each([
		['behind', 'on_late_clock', 'behind'],
		['ahead', 'on_early_clock', 'ahead of'],
	])('with its clock %s, a run is not timed out at once and starts before it finishes, between its handing over and its end', async (queue, jobId, said) => {
		const record = await finished(host, host.scheduler.submit(jobId).run!.id);
		expect(record.status).toBe('success');
		const [row] = rowsOf(stage.root.dir, jobId);
		// The console's own times around it: it was handed over at its scheduled time and ended when the console heard so.
		expect(row!.started_at).toBeGreaterThanOrEqual(row!.scheduled_at);
		expect(row!.started_at).toBeLessThanOrEqual(row!.finished_at!);
		const worker = started[queue]!;
		await waitFor(() => worker.output().includes('this machine\'s clock is'), 10_000, 'the worker to say its clock is off');
		expect(worker.output()).toMatch(new RegExp(`this machine's clock is 7\\d{3} s ${said} Redis's at redis://127\\.0\\.0\\.1:\\d+/0`));
	});
});
