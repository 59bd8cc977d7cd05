/**
 * Two workers of one host name and pid (containers: each worker is pid 1, and a container restarted,
 * or two with the same `hostname:`, keep the host name), here two real `sage-console worker`
 * processes each pid 1 of a pid namespace of its own (`unshare -p`, root only). Each worker has a
 * name of its own (`host:1`, then `host:1.2`), so both are listed, and when the one carrying a run
 * is killed with -9 the run is handed to the other as attempt 2. Both were `host:1`: one row in
 * status, and the survivor's heartbeat kept the dead one's name alive, so its run stayed `running`
 * for ever though the survivor had found it stalled. Real parts: a redis-server, the scheduling host
 * of a console.
 */
import {spawnSync} from 'node:child_process';
import {hostname} from 'node:os';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {SchedulerHost} from '../../src/host/scheduler-host.js';
import {waitFor} from '../helpers/wait-for.js';
import {WorkerProcesses, type WorkerProcess} from '../helpers/worker-process.js';
import {finished, onWorker, rowsOf} from './remote-fixtures.js';
import {openRemoteStage, type RemoteStage} from './remote-stage.js';

/** A pid namespace of its own (the worker is its pid 1), ended with the worker when unshare is killed. */
const container = ['unshare', '--pid', '--fork', '--mount-proc', '--kill-child'];
const canUnshare = spawnSync(container[0]!, [...container.slice(1), 'true']).status === 0;
const workerArgs = ['--queues', 'heavy', '--lock-duration', '2s', '--stalled-interval', '1s'];
let stage: RemoteStage;
let host: SchedulerHost;
const workers = new WorkerProcesses();
let started: WorkerProcess[] = [];

beforeAll(async () => {
	if (!canUnshare) {
		return;
	}

	stage = await openRemoteStage({jobsYaml: `jobs:
  - {id: long, trigger: manual, module: jobs/steps.ts, params: {steps: 200, ms: 200, retryMs: 10}, run_on: workers, queue: heavy}
`, workerArgs: [], workerCount: 0});
	({host} = stage);
	// One after the other: the second finds the first's name taken.
	started = [await workers.start(stage.root.dir, stage.redis.url(), workerArgs, undefined, container)];
	started.push(await workers.start(stage.root.dir, stage.redis.url(), workerArgs, undefined, container));
}, 60_000);

afterAll(async () => {
	await workers.killAll();
	await stage?.close();
}, 30_000);

describe.skipIf(!canUnshare)('two workers of one host name, each pid 1 of its own namespace', () => {
	it('names each its own, and both are listed online', async () => {
		expect(started.map(worker => worker.name)).toEqual([`${hostname()}:1`, `${hostname()}:1.2`]);
		expect(started[1]!.output()).toContain(`a worker named ${hostname()}:1 was heard of within the hour`);
		const online = await waitFor(() => {
			const names = host.scheduler.snapshot().remote?.workers.filter(worker => worker.online).map(worker => worker.name) ?? [];
			return names.length === 2 ? names : undefined;
		}, 10_000, 'both workers online');
		expect(online).toEqual([`${hostname()}:1`, `${hostname()}:1.2`]);
	});

	it('hands the run of the one killed with -9 to the other as attempt 2', async () => {
		const first = host.scheduler.submit('long').run!.id;
		const name = await onWorker(host, first);
		const victim = started.find(worker => worker.name === name)!;
		const survivor = started.find(worker => worker !== victim)!;
		victim.child.kill('SIGKILL');
		await victim.exited;

		const lost = await finished(host, first, 60_000);
		expect(lost.status).toBe('interrupted');
		expect(lost.error?.message).toContain(`worker ${name} stopped answering`);
		const next = await waitFor(() => rowsOf(stage.root.dir, 'long').find(row => row.attempt === 2), 30_000, 'attempt 2');
		expect((await finished(host, next.id, 60_000)).status).toBe('success');
		expect(rowsOf(stage.root.dir, 'long').map(row => [row.attempt, row.status, row.worker])).toEqual([[1, 'interrupted', victim.name], [2, 'success', survivor.name]]);
	}, 120_000);
});
