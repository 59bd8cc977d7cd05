/**
 * A worker started with `--queues` naming a queue no `run_on: workers` job uses (a typo: `gpux` for
 * `gpu`), while another worker serves the jobs' queue: nothing waits unserved, so nothing said the
 * typo'd worker would never get a run. A standing notice names it, its queue and the jobs' queues,
 * and goes when it stops. Real redis-server, real `sage-console worker` processes.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {SchedulerHost} from '../../src/host/scheduler-host.js';
import {waitFor} from '../helpers/wait-for.js';
import {finished} from './remote-fixtures.js';
import {openRemoteStage, type RemoteStage} from './remote-stage.js';

let stage: RemoteStage;
let host: SchedulerHost;

beforeAll(async () => {
	stage = await openRemoteStage({jobsYaml: `jobs:
  - {id: train, trigger: manual, module: jobs/steps.ts, params: {steps: 1}, run_on: workers, workers: gpu}
`, workerArgs: ['--queues', 'gpu'], workerCount: 1});
	({host} = stage);
}, 60_000);

afterAll(async () => {
	await stage?.close();
}, 30_000);

const unusedNotices = () => host.scheduler.snapshot().notices.filter(text => text.includes('no run_on: workers job uses'));

describe('a worker on a queue no job uses', () => {
	it('is named in a notice with the jobs\' queues until it stops', async () => {
		expect((await finished(host, host.scheduler.submit('train').run!.id)).status).toBe('success');
		expect(unusedNotices()).toEqual([]);

		const typo = await stage.startWorker(['--queues', 'gpux']);
		await waitFor(() => unusedNotices().length > 0, 15_000, 'the notice');
		expect(unusedNotices()).toEqual([`worker ${typo.name} takes runs from gpux, which no run_on: workers job uses (the jobs' worker queues: gpu): a typo in its --queues, its checkout's jobs.yaml is not this one, or that file dropped the queue since the worker started (it serves it until it restarts)`]);

		typo.child.kill('SIGTERM');
		expect(await typo.exited).toBe(0);
		await waitFor(() => unusedNotices().length === 0, 15_000, 'the notice gone');
	}, 45_000);
});
