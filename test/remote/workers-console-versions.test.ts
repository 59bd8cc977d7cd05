/**
 * Each worker's row in the console names its sage-console version, and flags one that is not the
 * scheduler's: at 120 columns the package version and the commit (`0.1.0+8d71fc6`), at 80 the commit
 * alone, the row within the terminal. Real parts: a redis-server, the built `sage-console --headless`,
 * one real `sage-console worker` of this checkout, the built console in tmux; an older worker is its
 * heartbeat, written to Redis as a worker of the same package on another checkout writes it.
 */
import {execFileSync} from 'node:child_process';
import {Redis} from 'ioredis';
import {describe, expect, it} from 'vitest';
import {packageVersion} from '../../src/host/package-version.js';
import {workerAliveKey, workersKey} from '../../src/remote/remote-keys.js';
import type {WorkerBeat} from '../../src/remote/worker-beat.js';
import {redisAndWorkersForFile} from '../helpers/redis-and-workers-for-file.js';
import {binary, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {hasTmux, openTmuxSession} from '../helpers/tmux.js';
import {remoteJobs} from './remote-fixtures.js';

const processes = trackHeadlessProcesses();
const {redis, workers} = redisAndWorkersForFile({when: hasTmux});
const slow = 60_000;
const escaped = (text: string) => text.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe.skipIf(!hasTmux)('workers\' versions in the console (tmux, attached to --headless)', () => {
	it('names each worker\'s version on its row and flags the one that is not the scheduler\'s, wide and at 80 columns', async () => {
		const commit = execFileSync('git', ['rev-parse', 'HEAD'], {cwd: new URL('../..', import.meta.url), encoding: 'utf8'}).trim().slice(0, 7);
		const root = processes.makeRoot({
			...remoteJobs,
			'config/jobs.yaml': `redis: ${redis().url()}
jobs:
  - {id: crunch, trigger: manual, module: jobs/steps.ts, run_on: workers, queue: analysis}
`,
		});
		await schedulerStarted(processes.start(root.dir));
		const worker = await workers.start(root.dir, redis().url(), ['--queues', 'analysis']);
		const client = new Redis(redis().url(), {maxRetriesPerRequest: null});
		try {
			const older: WorkerBeat = {name: 'gpu1:4242', host: 'gpu1', pid: 4242, queues: ['analysis'], concurrency: 1, startedAt: Date.now(), at: Date.now(), stopping: false, runs: [], version: packageVersion()};
			await client.multi().hset(workersKey, older.name, JSON.stringify(older)).set(workerAliveKey(older.name), '1', 'PX', 120_000).exec();
		} finally {
			client.disconnect();
		}

		const s = openTmuxSession('worker-versions', `${binary} --root ${root.dir}; sleep 120`, 120, 40);
		const rowOf = (name: string) => s.rows().find(line => line.includes(name) && /online|offline|stopping/.test(line)) ?? '';
		await s.see('Workers (2 online)', slow);
		await s.see(/⚠ 0\.1\.0 /, slow);
		expect(rowOf(worker.name)).toMatch(new RegExp(`● ${escaped(worker.name)}\\s+online\\s+${escaped(packageVersion())}\\+${commit}\\s+queues analysis\\s+seen \\d\\d:\\d\\d:\\d\\d\\s+runs 0/1`));
		expect(rowOf('gpu1:4242')).toMatch(new RegExp(`● gpu1:4242\\s+online\\s+⚠ ${escaped(packageVersion())}\\s+queues analysis\\s+seen \\d\\d:\\d\\d:\\d\\d\\s+runs 0/1`));

		s.resize(80, 24);
		await s.see(new RegExp(`online\\s+${commit}\\s+queues`), slow);
		expect(rowOf(worker.name)).toMatch(new RegExp(`● ${escaped(worker.name)}\\s+online\\s+${commit}\\s+queues analysis\\s+seen \\d\\d:\\d\\d:\\d\\d\\s+runs`));
		expect(rowOf('gpu1:4242')).toMatch(/● gpu1:4242\s+online\s+⚠ 0\.1\.0\s+queues analysis\s+seen \d\d:\d\d:\d\d\s+runs/);
		expect(Math.max(...s.rows().map(row => row.length))).toBeLessThanOrEqual(80);
	}, 240_000);
});
