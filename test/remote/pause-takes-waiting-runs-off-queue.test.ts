/**
 * Pausing a `run_on: workers` job takes its runs still waiting on the worker queue off it: they end
 * cancelled before they start, saying why, and no worker runs them later. A run a worker has taken
 * goes on, as a local run under way does. Before, the waiting runs stayed on the queue and the first
 * worker free ran them, paused job or not. Real parts: a redis-server, the scheduling host of a
 * console, real `sage-console worker` processes started while (or after) the runs wait.
 */
import {afterAll, beforeAll, expect, it} from 'vitest';
import {Redis} from 'ioredis';
import type {RunRecord} from '../../src/core/run-record.js';
import {queuePrefix} from '../../src/remote/remote-keys.js';
import {waitFor} from '../helpers/wait-for.js';
import {openRemoteStage, type RemoteStage} from './remote-stage.js';

let stage: RemoteStage;
let redis: Redis;

beforeAll(async () => {
	stage = await openRemoteStage({jobsYaml: `jobs:
  - {id: heavy, trigger: manual, command: ["sleep", "2"], run_on: workers, workers: gpu, concurrency: allow}
  - {id: marker, trigger: manual, command: ["echo", "marked"], run_on: workers, workers: gpu}
`, workerArgs: [], workerCount: 0});
	redis = new Redis(stage.redis.url(), {maxRetriesPerRequest: null});
}, 60_000);

afterAll(async () => {
	redis?.disconnect();
	await stage?.close();
}, 30_000);

function submit(jobId: string): number {
	const submitted = stage.host.scheduler.submit(jobId);
	if (!submitted.ok) {
		throw new Error(`${jobId} refused: ${submitted.reason}`);
	}

	return submitted.run.id;
}

let worker: Promise<unknown> | undefined;
/** One worker on queue gpu, started by the first test that needs it. */
const workerOnQueue = async () => {
	worker ??= stage.startWorker(['--queues', 'gpu']);
	await worker;
};

/** Until a run waits in worker queue gpu's list (BullMQ's `wait`). */
async function untilOnTheQueue(): Promise<void> {
	const deadline = Date.now() + 30_000;
	while (await redis.llen(`${queuePrefix}:gpu:wait`) === 0) {
		if (Date.now() > deadline) {
			throw new Error('timed out waiting for the run to be on worker queue gpu');
		}

		await new Promise(resolve => {
			setTimeout(resolve, 50);
		});
	}
}

const finished = async (runId: number) => stage.host.scheduler.whenFinished(runId) as Promise<RunRecord>;

it('a pause takes the job\'s waiting runs off the worker queue, or keeps one on its way from it; a worker started after runs none of them', async () => {
	const onQueue = submit('heavy');
	await untilOnTheQueue();
	const onItsWay = submit('heavy');
	const pause = stage.host.scheduler.pauseJob('heavy', true);
	// The pause's answer (what `sage-console pause heavy` prints) names both runs.
	expect(await pause.stopped).toEqual({runs: [onQueue, onItsWay].map(runId => ({runId, jobId: 'heavy', was: 'off-queue', queue: 'gpu'})), attempts: []});
	const ended = [await finished(onQueue), await finished(onItsWay)];
	expect(ended.map(record => [record.status, record.error?.message, record.startedAt])).toEqual([
		['cancelled', 'cancelled before it started: heavy was paused (taken off queue gpu)', undefined],
		['cancelled', 'cancelled before it started: heavy was paused (not put on queue gpu)', undefined],
	]);
	expect(await redis.llen(`${queuePrefix}:gpu:wait`)).toBe(0);

	// A worker on the queue now takes the marker, asked for after them, and nothing of heavy.
	await workerOnQueue();
	expect((await finished(submit('marker'))).status).toBe('success');
	expect(stage.host.scheduler.snapshot().live).toEqual([]);
	expect(stage.host.store.query({jobId: 'heavy'}).map(run => [run.id, run.status])).toEqual([[onItsWay, 'cancelled'], [onQueue, 'cancelled']]);
	stage.host.scheduler.setPaused('heavy', false);
}, 60_000);

it('a run a worker has taken goes on when its job is paused', async () => {
	await workerOnQueue();
	const taken = submit('heavy');
	await waitFor(() => stage.host.scheduler.snapshot().live.find(run => run.runId === taken && run.status === 'running'), 30_000, 'a worker to take the run');
	stage.host.scheduler.setPaused('heavy', true);
	expect((await finished(taken)).status).toBe('success');
	stage.host.scheduler.setPaused('heavy', false);
}, 60_000);
