/**
 * A worker on another sage-console version than the scheduler (left behind by an upgrade of the
 * trading box) is named in a standing notice until it goes. Real redis-server and a real worker of
 * this version; the old worker is its heartbeat, written to Redis as a worker of 0.0.1 would.
 */
import {Redis} from 'ioredis';
import {describe, expect, it} from 'vitest';
import {statusJson} from '../../src/cli/commands/status-command.js';
import {codeVersion} from '../../src/host/code-version.js';
import {workerAliveKey, workersKey} from '../../src/remote/remote-keys.js';
import type {WorkerBeat} from '../../src/remote/worker-beat.js';
import {waitFor} from '../helpers/wait-for.js';
import {remoteStageForFile} from './remote-stage-for-file.js';

const stage = remoteStageForFile({jobsYaml: `jobs:
  - {id: crunch, trigger: manual, module: jobs/steps.ts, run_on: workers, workers: analysis}
`, workerArgs: ['--queues', 'analysis'], workerCount: 1});

const versionNotices = () => stage.host.scheduler.snapshot().notices.filter(text => text.includes('runs sage-console'));

describe('workers on another version', () => {
	it('names a worker of another version until it leaves; a worker of this version is not named', async () => {
		const [worker] = stage.workers;
		await waitFor(() => stage.host.scheduler.snapshot().remote?.workers.some(seen => seen.name === worker!.name && seen.online), 15_000, 'the worker online');
		expect(versionNotices()).toEqual([]);
		expect(statusJson(stage.host.scheduler.snapshot(), Date.now()).workers?.find(seen => seen.name === worker!.name)?.version).toBe(codeVersion());

		const client = new Redis(stage.redis.url(), {maxRetriesPerRequest: null});
		try {
			const old: WorkerBeat = {name: 'gpu1:4242', host: 'gpu1', pid: 4242, queues: ['analysis'], concurrency: 1, startedAt: Date.now(), at: Date.now(), stopping: false, runs: [], version: '0.0.1'};
			await client.multi().hset(workersKey, old.name, JSON.stringify(old)).set(workerAliveKey(old.name), '1', 'PX', 60_000).exec();
			await waitFor(() => versionNotices().length > 0, 15_000, 'the notice');
			expect(versionNotices()).toEqual([`worker gpu1:4242 runs sage-console 0.0.1, this scheduler ${codeVersion()}: update its checkout (npm ci) and restart it`]);

			await client.multi().hdel(workersKey, old.name).del(workerAliveKey(old.name)).exec();
			await waitFor(() => versionNotices().length === 0, 15_000, 'the notice gone');
		} finally {
			client.disconnect();
		}
	}, 45_000);
});
