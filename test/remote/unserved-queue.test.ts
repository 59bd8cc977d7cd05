/**
 * A run on a worker queue no worker serves waits for ever; the operator is told why, with the
 * command that serves it — its `--redis` too, so a worker started on another database (`/1`) is seen
 * to be one that serves nothing here — and the notice goes once a worker for that queue takes the run. Real
 * redis-server, real `sage-console worker` processes (one serving another queue, then one for it).
 */
import {describe, expect, it} from 'vitest';
import {waitFor} from '../helpers/wait-for.js';
import {finished, onWorker} from './remote-fixtures.js';
import {remoteStageForFile} from './remote-stage-for-file.js';

const stage = remoteStageForFile({jobsYaml: `jobs:
  - {id: train, trigger: manual, module: jobs/steps.ts, params: {steps: 1}, run_on: workers, workers: gpu}
  - {id: crunch, trigger: manual, module: jobs/steps.ts, params: {steps: 1}, run_on: workers, workers: analysis}
`, workerArgs: ['--queues', 'analysis'], workerCount: 1});

const queueNotices = () => stage.host.scheduler.snapshot().notices.filter(text => text.includes('worker queue'));

describe('a worker queue nobody serves', () => {
	it('says nothing while the runs waiting have a worker', async () => {
		const submitted = stage.host.scheduler.submit('crunch');
		expect(submitted.ok).toBe(true);
		expect((await finished(stage.host, submitted.run!.id)).status).toBe('success');
		expect(queueNotices()).toEqual([]);
	}, 30_000);

	it('tells the operator which queue waits for a worker and how to start one, until a worker takes the run', async () => {
		const submitted = stage.host.scheduler.submit('train');
		expect(submitted.ok).toBe(true);
		const runId = submitted.run!.id;
		await waitFor(() => queueNotices().length > 0, 15_000, 'the notice');
		expect(queueNotices()).toEqual([`1 run waits on worker queue gpu: no worker online serves it (sage-console worker --redis ${stage.redis.url()} --queues gpu)`]);
		expect(stage.host.scheduler.snapshot().live.find(run => run.runId === runId)?.status).toBe('queued');

		await stage.startWorker(['--queues', 'gpu']);
		await onWorker(stage.host, runId);
		expect((await finished(stage.host, runId)).status).toBe('success');
		await waitFor(() => queueNotices().length === 0, 15_000, 'the notice gone');
	}, 45_000);
});
