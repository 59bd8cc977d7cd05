/**
 * A worker left on an older checkout by an upgrade of the box (git pull && npm ci on the box, not on
 * the worker machine) is named in the standing notice, though both checkouts say sage-console 0.1.0:
 * the scheduler and its workers compare the package version with the checkout's commit
 * (0.1.0+8d71fc6d1b2a). A worker of before sent the package version alone, and so read as this
 * version, unnamed. Real redis-server and a real worker of this checkout; the older worker is its
 * heartbeat, written to Redis as a worker of an older checkout writes it.
 */
import {execFileSync} from 'node:child_process';
import {Redis} from 'ioredis';
import {describe, expect, it} from 'vitest';
import {statusJson} from '../../src/cli/commands/status-command.js';
import {packageVersion} from '../../src/host/package-version.js';
import {workerAliveKey, workersKey} from '../../src/remote/remote-keys.js';
import type {WorkerBeat} from '../../src/remote/worker-beat.js';
import {waitFor} from '../helpers/wait-for.js';
import {remoteStageForFile} from './remote-stage-for-file.js';

const stage = remoteStageForFile({jobsYaml: `jobs:
  - {id: crunch, trigger: manual, module: jobs/steps.ts, run_on: workers, workers: analysis}
`, workerArgs: ['--queues', 'analysis'], workerCount: 1});

const versionNotices = () => stage.host.scheduler.snapshot().notices.filter(text => text.includes('runs sage-console'));

describe('a worker of an older checkout of the same package version', () => {
	it('is named, with this checkout\'s commit; a worker of this checkout is not', async () => {
		const commit = execFileSync('git', ['rev-parse', 'HEAD'], {cwd: new URL('../..', import.meta.url), encoding: 'utf8'}).trim();
		const thisVersion = `${packageVersion()}+${commit.slice(0, 12)}`;
		const [worker] = stage.workers;
		await waitFor(() => stage.host.scheduler.snapshot().remote?.workers.some(seen => seen.name === worker!.name && seen.online), 15_000, 'the worker online');
		expect(versionNotices()).toEqual([]);
		expect(statusJson(stage.host.scheduler.snapshot(), Date.now()).workers?.find(seen => seen.name === worker!.name)?.version).toBe(thisVersion);

		const client = new Redis(stage.redis.url(), {maxRetriesPerRequest: null});
		try {
			const older: WorkerBeat = {name: 'gpu1:4242', host: 'gpu1', pid: 4242, queues: ['analysis'], concurrency: 1, startedAt: Date.now(), at: Date.now(), stopping: false, runs: [], version: packageVersion()};
			await client.multi().hset(workersKey, older.name, JSON.stringify(older)).set(workerAliveKey(older.name), '1', 'PX', 60_000).exec();
			await waitFor(() => versionNotices().length > 0, 15_000, 'the notice');
			expect(versionNotices()).toEqual([`worker gpu1:4242 runs sage-console ${packageVersion()}, this scheduler ${thisVersion}: update its checkout (npm ci) and restart it`]);
		} finally {
			client.disconnect();
		}
	}, 45_000);
});
