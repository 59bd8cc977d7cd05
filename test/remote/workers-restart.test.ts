/**
 * The console restarted while a run is on a worker re-attaches to it: with real processes (a
 * headless scheduler, the built binary; a real worker; a real redis-server), the scheduler is stopped
 * with SIGTERM (the run is left on its worker, not cancelled), started, killed with -9, started again;
 * the run is the same row throughout, ends `success` (never `interrupted`), ran once, and its log
 * file holds every line once. The log tail each restarted scheduler shows says the run was re-attached
 * (on its worker, or still waiting for one), not handed to the workers anew.
 */
import {readFileSync} from 'node:fs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {resolvePaths} from '../../src/host/paths.js';
import {connectToScheduler} from '../../src/host/socket-client.js';
import {readRuns} from '../helpers/history-file.js';
import {RedisServer} from '../helpers/redis-server.js';
import {schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';
import {WorkerProcesses} from '../helpers/worker-process.js';
import {ranLines, remoteJobs, rowsOf} from './remote-fixtures.js';

const processes = trackHeadlessProcesses();
const workerProcesses = new WorkerProcesses();
let redis: RedisServer;

beforeAll(async () => {
	redis = await RedisServer.start();
}, 30_000);

afterAll(async () => {
	await workerProcesses.killAll();
	await redis?.remove();
}, 30_000);

async function cli(args: string[]): Promise<{code: number | null; stdout: string; stderr: string}> {
	const started = startCli(args);
	const code = await started.exited;
	return {code, ...started.output()};
}

/** The `▶` lines about run `runId` in the log tail the live scheduler of `root` gives a console that connects now. */
async function startLinesInTail(root: string, runId: number): Promise<string[]> {
	const {client} = await connectToScheduler(resolvePaths({root}).socketFile, 'test tail');
	try {
		const {tail} = await client.request('subscribe', {tailLines: 500});
		return tail.filter(line => line.runId === runId && line.msg.startsWith('▶')).map(line => line.msg);
	} finally {
		client.close();
	}
}

describe('a console restarted mid-run', () => {
	it('re-attaches to the run on its worker after SIGTERM and after kill -9, instead of marking it interrupted', async () => {
		const root = processes.makeRoot({
			...remoteJobs,
			'config/jobs.yaml': `redis: ${redis.url()}
jobs:
  - {id: slow, trigger: manual, module: jobs/steps.ts, params: {steps: 80, ms: 150}, run_on: workers, queue: heavy}
`,
		});
		const worker = await workerProcesses.start(root.dir, redis.url(), ['--queues', 'heavy']);
		const first = processes.start(root.dir);
		await schedulerStarted(first);
		expect((await cli(['run', 'slow', '--detach', '--root', root.dir])).code).toBe(0);
		const row = await waitFor(() => rowsOf(root.dir, 'slow').find(run => run.worker !== null), 20_000, 'the run to reach the worker');
		expect(row.worker).toBe(worker.name);

		// SIGTERM: the scheduler stops, leaving the run on its worker.
		first.child.kill('SIGTERM');
		expect(await first.exited).toBe(0);
		expect(first.output().stdout).toContain(`run ${row.id} goes on on worker ${worker.name}`);
		expect(rowsOf(root.dir, 'slow')[0]?.status).toBe('running');

		const second = processes.start(root.dir);
		await waitFor(() => second.output().stdout.includes(`run ${row.id} of slow is still going on the workers: re-attached`), 20_000, 'the second scheduler to re-attach');
		await waitFor(() => (rowsOf(root.dir, 'slow')[0]?.progress ?? 0) > (row.progress ?? 0), 20_000, 'progress through the second scheduler');
		await schedulerStarted(second);
		expect(await startLinesInTail(root.dir, row.id)).toEqual([`▶ slow re-attached on ${worker.name} (run ${row.id})`]);
		second.child.kill('SIGKILL');
		await second.exited;

		const third = processes.start(root.dir);
		await waitFor(() => third.output().stdout.includes('re-attached'), 20_000, 'the third scheduler to re-attach');
		await schedulerStarted(third);
		expect(await startLinesInTail(root.dir, row.id)).toEqual([`▶ slow re-attached on ${worker.name} (run ${row.id})`]);
		const done = await waitFor(() => rowsOf(root.dir, 'slow').find(run => run.status !== 'running' && run.status !== 'queued'), 60_000, 'the run to end');

		expect(readRuns(root.dir)).toHaveLength(1);
		expect(done.id).toBe(row.id);
		expect(done.status).toBe('success');
		expect(done.worker).toBe(worker.name);
		expect(ranLines(root.dir)).toHaveLength(1);
		const lines = readFileSync(done.log_path!, 'utf8').trim().split('\n').map(line => (JSON.parse(line) as {msg: string}).msg);
		expect(lines).toEqual(['run started', ...Array.from({length: 80}, () => 'step'), 'run success']);
	});

	it('a run still waiting for a worker stays waiting across a restart (its timeout not started), and runs once a worker comes', async () => {
		const root = processes.makeRoot({
			...remoteJobs,
			'config/jobs.yaml': `redis: ${redis.url()}
jobs:
  - {id: later, trigger: manual, module: jobs/steps.ts, params: {steps: 2, ms: 50}, run_on: workers, queue: later, timeout: 2s}
  - {id: marker, trigger: manual, command: ["sleep", "30"], timeout: 2s}
  - {id: ends_away, trigger: manual, module: jobs/steps.ts, params: {steps: 5, ms: 1000}, run_on: workers, queue: later}
`,
		});
		const first = processes.start(root.dir);
		await schedulerStarted(first);
		expect((await cli(['run', 'later', '--detach', '--root', root.dir])).code).toBe(0);
		const row = await waitFor(() => rowsOf(root.dir, 'later')[0], 20_000, 'the run in history');
		first.child.kill('SIGTERM');
		expect(await first.exited).toBe(0);

		const second = processes.start(root.dir);
		await waitFor(() => second.output().stdout.includes(`run ${row.id} of later is still going on the workers: re-attached`), 20_000, 'the second scheduler to re-attach');
		// Past its 2 s timeout with no worker: still waiting, not timed out, and shown as queued. Past it on
		// the scheduler's own timers: a local run with the same timeout, started after the re-attach, timed out.
		await schedulerStarted(second);
		expect((await cli(['run', 'marker', '--detach', '--root', root.dir])).code).toBe(0);
		await waitFor(() => rowsOf(root.dir, 'marker')[0]?.status === 'timeout', 30_000, 'the marker run to time out');
		const status = JSON.parse((await cli(['status', '--json', '--root', root.dir])).stdout) as {running: unknown[]; queued: Array<{runId: number}>; queuedTotal: number};
		expect(status.queued.map(run => run.runId)).toEqual([row.id]);
		expect(status.running).toEqual([]);
		// Not taken by a worker: queued in history too, with no start.
		expect(rowsOf(root.dir, 'later')[0]).toMatchObject({status: 'queued', started_at: null});
		expect(await startLinesInTail(root.dir, row.id)).toEqual([`▶ later still waiting on the workers (run ${row.id})`]);

		const worker = await workerProcesses.start(root.dir, redis.url(), ['--queues', 'later']);
		const done = await waitFor(() => rowsOf(root.dir, 'later').find(run => run.status !== 'running' && run.status !== 'queued'), 60_000, 'the run to end');
		expect(done).toMatchObject({id: row.id, status: 'success', worker: worker.name});
		expect(done.started_at).toBeGreaterThan(0);
		expect(await startLinesInTail(root.dir, row.id)).toEqual([`▶ later still waiting on the workers (run ${row.id})`, `▶ later started on ${worker.name} (run ${row.id})`]);

		// A run that ends on its worker while no scheduler runs ended then, not when the next scheduler heard of it.
		expect((await cli(['run', 'ends_away', '--detach', '--root', root.dir])).code).toBe(0);
		const away = await waitFor(() => rowsOf(root.dir, 'ends_away').find(run => run.status === 'running' && run.worker !== null), 20_000, 'the run to start on the worker');
		second.child.kill('SIGTERM');
		expect(await second.exited).toBe(0);
		expect(rowsOf(root.dir, 'ends_away')[0]?.status).toBe('running');
		await waitFor(() => worker.output().includes(`run ${away.id} of ends_away success`), 30_000, 'the run to end on the worker');
		const startedAgainAt = Date.now();
		const third = processes.start(root.dir);
		const ended = await waitFor(() => rowsOf(root.dir, 'ends_away').find(run => run.status !== 'running'), 30_000, 'the third scheduler to record the end');
		await schedulerStarted(third);
		expect(ended.status).toBe('success');
		expect(ended.finished_at).toBeLessThan(startedAgainAt);
		expect(ended.finished_at).toBeGreaterThanOrEqual(ended.started_at!);
		expect((ended as {duration_ms?: number}).duration_ms).toBe(ended.finished_at! - ended.started_at!);
		expect(JSON.parse((await cli(['show', String(away.id), '--json', '--root', root.dir])).stdout)).toMatchObject({status: 'success', duration_ms: ended.finished_at! - ended.started_at!});
	});
});
