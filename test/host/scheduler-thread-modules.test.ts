/**
 * The scheduler thread loads the remote executor (src/remote, BullMQ's wiring) only once jobs.yaml has
 * `redis:`: a root without it (an `init` root, the shipped box) never runs on workers, and each module
 * a thread imports stays in its heap for the scheduler's whole day. A reload that adds `redis:` loads it,
 * and a run on workers asked for while it loads goes to its queue once it is there.
 */
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {resolvePaths} from '../../src/host/paths.js';
import {SchedulerHost} from '../../src/host/scheduler-host.js';
import {RedisServer} from '../helpers/redis-server.js';
import {srcDir, staticallyReached} from '../helpers/static-imports.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';
import {waitFor} from '../helpers/wait-for.js';
import {WorkerProcesses} from '../helpers/worker-process.js';
import {finished, remoteJobs, rowsOf} from '../remote/remote-fixtures.js';

describe("the scheduler thread's modules", () => {
	it('reaches no file of src/remote/ when it starts (it is imported when jobs.yaml has redis:)', () => {
		const {files} = staticallyReached(path.join(srcDir, 'host/scheduler-thread-entry.ts'));
		// Given: the walk sees the scheduler and the local executor, so an empty answer is not the walk failing.
		expect(files).toContain('scheduler/scheduler.ts');
		expect(files).toContain('executors/local-executor.ts');
		expect(files.filter(file => file.startsWith('remote/'))).toEqual([]);
	});
});

describe('a reload that adds redis:', () => {
	const processes = new WorkerProcesses();
	let redis: RedisServer | undefined;
	let root: TempRoot | undefined;
	let host: SchedulerHost | undefined;

	afterAll(async () => {
		await host?.close('cancel');
		await processes.killAll();
		await redis?.remove();
		root?.remove();
	}, 30_000);

	it('runs a run_on: workers job on a worker, asked for the moment the reload applied', async () => {
		// Given: a scheduler on a root whose jobs.yaml has no redis: (its remote executor not loaded).
		redis = await RedisServer.start();
		root = makeTempRoot({...remoteJobs, 'config/jobs.yaml': 'jobs:\n  - {id: local_steps, trigger: manual, module: jobs/steps.ts}\n'});
		host = SchedulerHost.open({paths: resolvePaths({root: root.dir}), logToStdout: false, schedules: true});
		await host.start();
		const scheduler = host.scheduler;
		// When: jobs.yaml gains redis: and a job on workers, which is asked for right after the reload's own
		// work (a microtask: before the remote executor's import can have settled).
		const asked = new Promise<number>((resolve, reject) => {
			const off = scheduler.events.on('config-reloaded', () => {
				off();
				queueMicrotask(() => {
					const submitted = scheduler.submit('steps', {params: {steps: 2, ms: 20}});
					if (submitted.ok) {
						resolve(submitted.run!.id);
					} else {
						reject(new Error(submitted.reason));
					}
				});
			});
		});
		writeFileSync(path.join(root.dir, 'config/jobs.yaml'), `redis: ${redis.url()}
jobs:
  - {id: local_steps, trigger: manual, module: jobs/steps.ts}
  - {id: steps, trigger: manual, module: jobs/steps.ts, run_on: workers, queue: analysis}
`);
		const runId = await asked;
		const worker = await processes.start(root.dir, redis.url(), ['--queues', 'analysis']);
		// Then: it ran on the worker and history says so.
		const record = await finished(host, runId);
		expect(record.status).toBe('success');
		await waitFor(() => rowsOf(root!.dir, 'steps').find(row => row.id === runId && row.worker === worker.name), 10_000, `run ${runId} recorded as run by ${worker.name}`);
	}, 60_000);
});
