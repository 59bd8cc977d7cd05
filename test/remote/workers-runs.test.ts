/**
 * Runs on workers with real parts: a redis-server on a free port of 127.0.0.1, two real
 * `sage-console worker` processes (the built binary), and the scheduling host a console runs.
 * Given one root (the same checkout for the console and the workers), a job with run_on: workers is
 * carried out on a worker and reported back as a local run is: progress, log tail, log file, result,
 * history with the worker's name; its timeout kills its process tree on the worker; a waiting run is
 * taken off the queue and a running one stopped on its worker; a double enqueue runs once.
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {Redis} from 'ioredis';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {statusJson} from '../../src/cli/commands/status-command.js';
import {SchedulerMetrics} from '../../src/metrics/scheduler-metrics.js';
import type {SchedulerHost} from '../../src/host/scheduler-host.js';
import {finishedRunTtlSeconds, queueJobId, runKeys} from '../../src/remote/remote-keys.js';
import {decodeEntry} from '../../src/remote/run-events.js';
import type {RedisServer} from '../helpers/redis-server.js';
import {waitFor} from '../helpers/wait-for.js';
import type {TempRoot} from '../helpers/temp-root.js';
import {parsePrometheusText, sampleValue} from '../metrics/prometheus-text.js';
import type {WorkerProcess} from '../helpers/worker-process.js';
import {finished, onWorker, processAlive, ranLines, rowsOf} from './remote-fixtures.js';
import {openRemoteStage, type RemoteStage} from './remote-stage.js';

let stage: RemoteStage;
let redis: RedisServer;
let root: TempRoot;
let host: SchedulerHost;
let workers: WorkerProcess[];

beforeAll(async () => {
	stage = await openRemoteStage({jobsYaml: `max_parallel: 8
jobs:
  - {id: steps, trigger: manual, module: jobs/steps.ts, params: {steps: 4}, run_on: workers, queue: analysis, concurrency: allow}
  - {id: hang_cmd, trigger: manual, command: ["sh", "-c", "sleep 60 & echo $! > data/bg.pid; echo $$ > data/main.pid; echo waiting; wait"], run_on: workers, queue: analysis, timeout: 1500ms}
  - {id: sleepy, trigger: manual, module: jobs/sleep.ts, params: {ms: 60000}, run_on: workers, queue: analysis}
  - {id: unserved, trigger: manual, module: jobs/steps.ts, run_on: workers, workers: nobody, timeout: 1s}
  - {id: local_steps, trigger: manual, module: jobs/steps.ts}
`, workerArgs: ['--queues', 'analysis', '--concurrency', '2']});
	({redis, root, host, workers} = stage);
}, 60_000);

afterAll(async () => {
	await stage?.close();
}, 30_000);

describe('runs on workers', () => {
	it('carries a run out on a worker and brings back its progress, log lines, log file and result; history names the worker', async () => {
		const progress: number[] = [];
		const off = host.scheduler.events.on('run-progress', event => {
			if (event.progress !== undefined) {
				progress.push(event.progress);
			}
		});
		const submitted = host.scheduler.submit('steps', {params: {steps: 4, ms: 150, label: '日线'}});
		expect(submitted.ok).toBe(true);
		const runId = submitted.run!.id;
		const worker = await onWorker(host, runId);
		const record = await finished(host, runId);
		off();

		expect(record.status).toBe('success');
		const result = record.result as {steps: number; params: Record<string, unknown>; pid: number; tradeDate: string};
		expect(result.params).toMatchObject({steps: 4, ms: 150, label: '日线'});
		expect(workers.map(w => w.pid)).toContain(result.pid);
		expect(worker).toBe(workers.find(w => w.pid === result.pid)!.name);
		expect(rowsOf(root.dir, 'steps').find(row => row.id === runId)?.worker).toBe(worker);
		expect(progress).toContain(1);
		expect(host.scheduler.tail.newest(500).filter(line => line.runId === runId && line.msg === 'step')).toHaveLength(4);
		// The tail says when the run went to the workers, and which worker took it.
		expect(host.scheduler.tail.newest(500).filter(line => line.runId === runId && line.msg.startsWith('▶')).map(line => line.msg)).toEqual([`▶ steps handed to the workers (run ${runId}, manual)`, `▶ steps started on ${worker} (run ${runId})`]);

		// The log file is the worker's, line for line: the header, the job's lines, the closing line.
		const lines = readFileSync(record.logPath!, 'utf8').trim().split('\n').map(line => JSON.parse(line) as {msg: string; runId: number; i?: number});
		expect(lines.map(line => line.msg)).toEqual(['run started', 'step', 'step', 'step', 'step', 'run success']);
		expect(lines.every(line => line.runId === runId)).toBe(true);
		expect(path.dirname(record.logPath!)).toBe(path.join(root.dir, 'logs/jobs'));

		// The run's keys outlive its end by a day (the end's write set their expiry), its stream holding each event once.
		const client = new Redis(redis.url(), {maxRetriesPerRequest: null});
		try {
			const keys = runKeys(queueJobId({...record, runId}));
			for (const key of [keys.events, keys.owner, keys.claim]) {
				expect(await client.ttl(key)).toBeGreaterThan(finishedRunTtlSeconds - 60);
			}

			const events = (await client.xrange(keys.events, '-', '+')).flatMap(([, fields]) => decodeEntry(fields));
			expect(events.map(event => event.s)).toEqual(events.map((_event, index) => index + 1));
			expect(events[0]).toMatchObject({t: 'taken', worker});
			expect(events.at(-1)).toMatchObject({t: 'end', outcome: {status: 'success'}});
		} finally {
			client.disconnect();
		}

		// The console's picture: both workers online on the analysis queue, nothing waiting, nothing running
		// (the picture is as of the scheduler's last look at the workers' heartbeats, a few times a second).
		const remote = await waitFor(() => {
			const view = host.scheduler.snapshot().remote;
			return view?.workers.filter(w => w.online && w.runs.length === 0).length === 2 ? view : undefined;
		}, 10_000, 'both workers in the snapshot, idle');
		expect(remote.reachable).toBe(true);
		expect(remote.workers.map(w => w.name).sort()).toEqual(workers.map(w => w.name).sort());
		expect(remote.workers[0]!.queues).toEqual(['analysis']);
		const status = statusJson(host.scheduler.snapshot(), Date.now()) as {redis?: {reachable: boolean}; workers?: Array<{name: string; online: boolean}>; queues?: Array<{name: string}>};
		expect(status.redis).toEqual({url: redis.url(), reachable: true});
		expect(status.workers?.filter(w => w.online)).toHaveLength(2);
		expect(status.queues?.map(queue => queue.name)).toContain('analysis');
		const metrics = new SchedulerMetrics({events: {on: () => () => undefined}, snapshot: async () => host.scheduler.snapshot(), market: async () => ({tradingDay: true, phase: 'closed'}), now: () => Date.now()});
		const families = parsePrometheusText(await metrics.text());
		metrics.close();
		expect(sampleValue(families, 'sage_redis_up')).toBe(1);
		expect(sampleValue(families, 'sage_worker_runs')).toBe(0);
		expect(sampleValue(families, 'sage_workers', {state: 'online'})).toBe(2);
		expect(sampleValue(families, 'sage_worker_queue_runs', {queue: 'analysis', state: 'waiting'})).toBe(0);

		// A local job still runs here.
		const local = await finished(host, host.scheduler.submit('local_steps').run!.id);
		expect(local.status).toBe('success');
		expect((local.result as {pid: number}).pid).toBe(process.pid);
	});

	it('times a run out on its worker with a real kill of its process tree', async () => {
		const runId = host.scheduler.submit('hang_cmd').run!.id;
		const record = await finished(host, runId);
		expect(record.status).toBe('timeout');
		expect(record.error?.type).toBe('Timeout');
		const pids = ['data/main.pid', 'data/bg.pid'].map(file => Number(readFileSync(path.join(root.dir, file), 'utf8')));
		// The shell and its background sleep, in the run's process group on the worker: both gone.
		await waitFor(() => pids.every(pid => !processAlive(pid)), 10_000, `processes ${pids.join(', ')} to be gone`);
		const log = readFileSync(record.logPath!, 'utf8');
		expect(log).toContain('waiting');
		expect(log).toMatch(/timed out: sent SIGTERM to/);
	});

	it('takes a waiting run off the queue and stops a running one on its worker', async () => {
		const waiting = host.scheduler.submit('unserved').run!.id;
		await waitFor(() => host.scheduler.snapshot().remote?.queues.find(queue => queue.name === 'nobody')?.waiting === 1, 10_000, 'the run to wait on queue nobody');
		// Waiting for a worker is waiting: queued to every client, no start in history, and its timeout
		// (1 s) counts from a worker's start, not from the queue.
		await new Promise(resolve => {
			setTimeout(resolve, 1500);
		});
		const snapshot = host.scheduler.snapshot();
		expect(snapshot.live.find(run => run.runId === waiting)).toMatchObject({status: 'queued', startedAt: undefined});
		expect(snapshot.queuedTotal).toBe(1);
		expect(host.scheduler.getRun(waiting)?.startedAt).toBeUndefined();
		expect(host.scheduler.cancel(waiting).ok).toBe(true);
		const cancelledWaiting = await finished(host, waiting);
		expect(cancelledWaiting.status).toBe('cancelled');
		expect(cancelledWaiting.error?.message).toMatch(/while waiting for a worker/);
		// It never started: no start and no duration (history shows none).
		expect(cancelledWaiting.startedAt).toBeUndefined();
		expect(cancelledWaiting.durationMs).toBeUndefined();
		await host.scheduler.historyWritten();
		expect(rowsOf(root.dir, 'unserved')[0]).toMatchObject({started_at: null, duration_ms: null});
		await waitFor(() => host.scheduler.snapshot().remote?.queues.find(queue => queue.name === 'nobody')?.waiting === 0, 10_000, 'queue nobody to be empty');

		const running = host.scheduler.submit('sleepy').run!.id;
		const worker = await onWorker(host, running);
		expect(host.scheduler.snapshot().live.find(run => run.runId === running)).toMatchObject({status: 'running', worker});
		expect(host.scheduler.getRun(running)?.startedAt).toBeGreaterThan(0);
		expect(host.scheduler.cancel(running).ok).toBe(true);
		const cancelled = await finished(host, running, 15_000);
		expect(cancelled.status).toBe('cancelled');
		expect(cancelled.error?.message).toBe('cancelled by the operator');
		expect(rowsOf(root.dir, 'sleepy')[0]?.worker).toBe(worker);
		expect(readFileSync(cancelled.logPath!, 'utf8')).toContain('"msg":"run cancelled"');
	});

	it('enqueues a fire asked for twice (same job, scheduled time and attempt) once; manual runs asked for at once are each their own', async () => {
		const at = Date.now() - 1000;
		const first = host.scheduler.submit('steps', {trigger: 'schedule', scheduledAt: at, params: {steps: 1}});
		const second = host.scheduler.submit('steps', {trigger: 'catch-up', scheduledAt: at, params: {steps: 1}});
		expect(first.ok && second.ok).toBe(true);
		const [one, two] = await Promise.all([finished(host, first.run!.id), finished(host, second.run!.id)]);
		expect(one.status).toBe('success');
		expect(two.status).toBe('cancelled');
		expect(two.error?.type).toBe('Duplicate');
		expect(two.error?.message).toContain(`run ${one.id} already put this fire`);
		expect(ranLines(root.dir).filter(([, runId]) => runId === String(one.id) || runId === String(two.id))).toHaveLength(1);

		const manual = [1, 2, 3].map(() => host.scheduler.submit('steps', {scheduledAt: at, params: {steps: 1}}).run!.id);
		expect((await Promise.all(manual.map(async id => finished(host, id)))).map(run => run.status)).toEqual(['success', 'success', 'success']);
	});
});
