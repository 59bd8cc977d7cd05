/**
 * A worker that found its own run's BullMQ lock expired while it still ran (as after a Redis outage
 * longer than the lock) and is later killed with -9: the run's hand-over says its heartbeat stopped
 * and that the worker itself had noticed the lock expire earlier. It read `worker vm:X stopped
 * answering (BullMQ found its lock expired, noticed by vm:X)`, the dead worker named as the one that
 * noticed. Real parts: a redis-server, a real `sage-console worker`, the scheduling host of a console.
 * The worker's own stall notice is the one it writes (tellStalled, with the run's real BullMQ job and
 * the worker's name), written here: an outage did not make BullMQ find it reliably within a test.
 */
import {Queue} from 'bullmq';
import {Redis} from 'ioredis';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RemoteJobData} from '../../src/remote/remote-job-data.js';
import {queuePrefix} from '../../src/remote/remote-keys.js';
import {tellStalled} from '../../src/remote/stalled-run-news.js';
import {waitFor} from '../helpers/wait-for.js';
import {finished, onWorker, ranLines, rowsOf} from './remote-fixtures.js';
import {openRemoteStage, type RemoteStage} from './remote-stage.js';

let stage: RemoteStage;
const quiet = {info() {}, warn() {}, error() {}};

beforeAll(async () => {
	stage = await openRemoteStage({jobsYaml: `jobs:
  - {id: long, trigger: manual, module: jobs/steps.ts, params: {steps: 300, ms: 200}, run_on: workers, queue: heavy}
`, workerArgs: ['--queues', 'heavy', '--lock-duration', '2s', '--stalled-interval', '1s'], workerCount: 1});
}, 60_000);

afterAll(async () => {
	await stage?.close();
}, 30_000);

describe('a worker killed after it found its own run\'s lock expired', () => {
	it('is said to have stopped its heartbeat, the lock found expired earlier by itself, not "noticed by" itself', async () => {
		const {host, redis, root, workers: [worker]} = stage;
		const submittedAt = Date.now();
		const runId = host.scheduler.submit('long').run!.id;
		const name = await onWorker(host, runId);
		await waitFor(() => ranLines(root.dir).some(([jobId]) => jobId === 'long'), 10_000, 'the job to start');
		const client = new Redis(redis.url());
		const queue = new Queue<RemoteJobData>('heavy', {connection: {url: redis.url()}, prefix: queuePrefix});
		try {
			const [job] = await queue.getActive();
			await tellStalled(client, job!, name, 'job stalled more than allowable limit', quiet);
		} finally {
			await queue.close();
			client.disconnect();
		}

		// The run lives on (its worker is alive), then its worker dies. Lived on past the notice: the host has
		// read a step's progress written after it, into the same stream of the run's events (a step takes
		// 200 ms at least, so no more steps than that were done since the submit when the notice went in).
		const stepsByNotice = Math.floor((Date.now() - submittedAt) / 200) + 1;
		await waitFor(() => host.scheduler.getRun(runId)?.status !== 'running' || (host.scheduler.getRun(runId)?.progress ?? 0) * 300 > stepsByNotice, 30_000, 'a step after the stall notice');
		expect(host.scheduler.getRun(runId)?.status).toBe('running');
		worker!.child.kill('SIGKILL');
		await worker!.exited;

		const lost = await finished(host, runId, 60_000);
		expect(lost.status).toBe('interrupted');
		expect(lost.error?.message).toContain(`worker ${name} stopped answering (its heartbeat stopped; BullMQ had found its lock expired earlier, as the worker itself noticed)`);
		expect(lost.error?.message).not.toContain(`noticed by ${name}`);
		// Its next attempt is queued (no worker left to take it) before the stage closes.
		await waitFor(() => rowsOf(root.dir, 'long').find(row => row.attempt === 2), 30_000, 'attempt 2');
	}, 120_000);
});
