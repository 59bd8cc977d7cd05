/**
 * Runs on workers when things break, with real parts: a redis-server with an append-only file (as
 * docs/workers.md asks of a production Redis), two real `sage-console worker` processes with a short
 * BullMQ lock (2 s) so a dead worker is found in seconds, and the scheduling host of a console.
 * Redis stopped and started again mid-run: the run finishes once, nothing lost. A worker killed with
 * -9 mid-run: its run ends interrupted and the next attempt runs on the other worker, never beside it.
 * What a command run of a worker killed with -9 started (its own process dies with the worker) is
 * ended by the next worker started on that machine.
 * A worker stopped with SIGTERM: what ends within its grace finishes there, the rest is given back.
 */
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {SchedulerHost} from '../../src/host/scheduler-host.js';
import type {RedisServer} from '../helpers/redis-server.js';
import {waitFor} from '../helpers/wait-for.js';
import {LocalReceiver} from '../http/local-receiver.js';
import type {TempRoot} from '../helpers/temp-root.js';
import type {WorkerProcess} from '../helpers/worker-process.js';
import {finished, onWorker, processAlive, ranLines, rowsOf} from './remote-fixtures.js';
import {openRemoteStage, type RemoteStage} from './remote-stage.js';

const workerArgs = ['--queues', 'heavy', '--lock-duration', '2s', '--stalled-interval', '1s'];
let stage: RemoteStage;
let redis: RedisServer;
let root: TempRoot;
let host: SchedulerHost;
let workers: WorkerProcess[];
/** The alerts' webhook: a run handed to another worker is not a failure to tell the phone about. */
let alerts: LocalReceiver;

beforeAll(async () => {
	alerts = new LocalReceiver();
	const alertsUrl = await alerts.start();
	stage = await openRemoteStage({files: {'config/notify_config.json': JSON.stringify({channels: {webhook: {url: `${alertsUrl}/alerts`}}})}, jobsYaml: `jobs:
  - {id: steady, trigger: manual, module: jobs/steps.ts, params: {steps: 25, ms: 120}, run_on: workers, queue: heavy}
  - {id: long, trigger: manual, module: jobs/steps.ts, params: {steps: 200, ms: 200, retryMs: 10}, run_on: workers, queue: heavy, concurrency: skip}
  - {id: drain_short, trigger: manual, module: jobs/steps.ts, params: {steps: 5, ms: 200}, run_on: workers, queue: drain}
  - {id: drain_long, trigger: manual, module: jobs/steps.ts, params: {steps: 200, ms: 200, retryMs: 10}, run_on: workers, queue: drain}
  - {id: marker, trigger: manual, command: ["false"]}
  - {id: quick_end, trigger: manual, command: ["bash", "-c", "sleep 0.5; touch data/quick-ended"], run_on: workers, queue: heavy}
  - {id: spawner, trigger: manual, command: ["bash", "-c", "if [ $SAGE_ATTEMPT = 1 ]; then mkdir -p data; sleep 300 & echo $! > data/leftover.pid; wait; fi"], run_on: workers, queue: spawn}
`, workerArgs: workerArgs, persist: true});
	({redis, root, host, workers} = stage);
}, 60_000);

afterAll(async () => {
	await stage?.close();
	await alerts?.stop();
}, 30_000);

describe('runs on workers through faults', () => {
	it('finishes a run once, with every log line, when Redis is stopped and started again mid-run', async () => {
		const runId = host.scheduler.submit('steady').run!.id;
		await onWorker(host, runId);
		await waitFor(() => host.scheduler.getRun(runId)?.progress !== undefined, 10_000, 'progress before the outage');
		await redis.stop();
		await new Promise(resolve => {
			setTimeout(resolve, 1500);
		});
		await redis.startAgain();
		const record = await finished(host, runId, 60_000);

		expect(record.status).toBe('success');
		expect((record.result as {steps: number}).steps).toBe(25);
		expect(ranLines(root.dir).filter(([jobId]) => jobId === 'steady')).toHaveLength(1);
		const lines = readFileSync(record.logPath!, 'utf8').trim().split('\n').map(line => (JSON.parse(line) as {msg: string}).msg);
		expect(lines).toEqual(['run started', ...Array.from({length: 25}, () => 'step'), 'run success']);
		expect(rowsOf(root.dir, 'steady')).toHaveLength(1);
	});

	it('says a run that ended while Redis was away ran its own time, and that its end reached Redis later', async () => {
		const mark = path.join(root.dir, 'data/quick-ended');
		const runId = host.scheduler.submit('quick_end').run!.id;
		await onWorker(host, runId);
		await redis.stop();
		// The run ends on its worker (its own mark) while Redis is away; the outage goes on past its end
		await waitFor(() => existsSync(mark), 20_000, 'the run to end on its worker');
		await new Promise(resolve => {
			setTimeout(resolve, 2000);
		});
		await redis.startAgain();
		const record = await finished(host, runId, 60_000);
		expect(record.status).toBe('success');

		// The worker's line: the run's own duration, as history has it, and the late end apart
		const endLine = () => workers.flatMap(worker => worker.output().split('\n'))
			.filter(text => text.startsWith('{'))
			.map(text => JSON.parse(text) as {msg: string; status?: string; durationMs?: number; endWrittenAfterMs?: number})
			.find(entry => entry.msg.startsWith(`run ${runId} of quick_end `) && entry.status !== undefined);
		const line = await waitFor(endLine, 10_000, 'the run\'s end line in its worker\'s log');
		expect(line?.msg).toMatch(new RegExp(`^run ${runId} of quick_end success \\(its end reached Redis \\d+(\\.\\d)?s later\\)$`));
		expect(line!.endWrittenAfterMs).toBeGreaterThanOrEqual(2000);
		// From its taking (a little before its start) to its end: nearer history's duration than the outage's length
		expect(line!.durationMs).toBeGreaterThanOrEqual(record.durationMs!);
		expect(line!.durationMs).toBeLessThan(record.durationMs! + 1000);
	});

	it('hands the run of a worker killed with -9 to the other worker as the next attempt, never beside it', async () => {
		const first = host.scheduler.submit('long').run!.id;
		const name = await onWorker(host, first);
		await waitFor(() => ranLines(root.dir).some(([jobId, runId]) => jobId === 'long' && runId === String(first)), 10_000, 'the job to start');
		const victim = workers.find(worker => worker.name === name)!;
		const survivor = workers.find(worker => worker !== victim)!;
		const killedAt = Date.now();
		victim.child.kill('SIGKILL');
		await victim.exited;

		const lost = await finished(host, first, 60_000);
		expect(lost.status).toBe('interrupted');
		// Ended when its worker was last heard of, not seconds later when the loss was seen.
		expect(lost.finishedAt!).toBeLessThanOrEqual(killedAt);
		expect(lost.durationMs).toBe(lost.finishedAt! - lost.startedAt!);
		expect(lost.error?.type).toBe('WorkerLost');
		expect(lost.error?.message).toContain(`worker ${name} stopped answering`);
		expect(lost.error?.message).toContain('handed to another worker as attempt 2');

		const next = await waitFor(() => rowsOf(root.dir, 'long').find(row => row.attempt === 2), 30_000, 'attempt 2');
		const retried = await finished(host, next.id, 60_000);
		expect(retried.status).toBe('success');
		expect(retried.trigger).toBe('retry');
		const rows = rowsOf(root.dir, 'long');
		expect(rows.map(row => [row.attempt, row.status, row.worker])).toEqual([[1, 'interrupted', victim.name], [2, 'success', survivor.name]]);
		// concurrency: skip: the next attempt started only after the lost one had ended.
		expect(rows[1]!.started_at!).toBeGreaterThanOrEqual(rows[0]!.finished_at!);
		expect(ranLines(root.dir).filter(([jobId]) => jobId === 'long').map(([, , attempt, pid]) => [attempt, Number(pid)])).toEqual([['1', victim.pid], ['2', survivor.pid]]);
		// Nothing reached the phone: no "failed" for the handed-over attempt, so no "recovered" either. Up to
		// the failure alert of a marker job run after: alerts to one webhook go out in the order they were
		// queued, so one queued for long would have come before it.
		const alerted = () => alerts.received.map(request => JSON.parse(request.body) as {event: string; job?: {id: string}});
		await finished(host, host.scheduler.submit('marker').run!.id);
		await waitFor(() => alerted().some(event => event.job?.id === 'marker'), 30_000, 'the marker job\'s failure alert');
		expect(alerted().filter(event => event.job?.id === 'long')).toEqual([]);
	});

	it('ends what the run of a worker killed with -9 left running on its machine when the next worker starts there', async () => {
		const spawnArgs = ['--queues', 'spawn', '--lock-duration', '2s', '--stalled-interval', '1s'];
		const victim = await stage.startWorker(spawnArgs);
		const first = host.scheduler.submit('spawner').run!.id;
		expect(await onWorker(host, first)).toBe(victim.name);
		const pidFile = path.join(root.dir, 'data/leftover.pid');
		const leftover = await waitFor(() => existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) || undefined : undefined, 10_000, 'the command\'s child');
		try {
			victim.child.kill('SIGKILL');
			await victim.exited;
			// The command's own process died with its worker; what it started did not.
			expect(processAlive(leftover)).toBe(true);

			const next = await stage.startWorker(spawnArgs);
			await waitFor(() => next.output().includes(`ended 1 process left running by run ${first} of worker ${victim.name}, which died`), 20_000, 'the next worker to end the leftover');
			await waitFor(() => !processAlive(leftover), 10_000, 'the leftover gone');
			// The dead run's own log file on the worker's machine goes with it.
			expect(readdirSync(path.join(root.dir, 'logs/worker')).filter(name => name.endsWith(`.r${first}.log`))).toEqual([]);
			const lost = await finished(host, first, 60_000);
			expect(lost.error?.type).toBe('WorkerLost');
			const retry = await waitFor(() => rowsOf(root.dir, 'spawner').find(row => row.attempt === 2), 30_000, 'attempt 2');
			expect((await finished(host, retry.id, 30_000)).status).toBe('success');
		} finally {
			try {
				process.kill(leftover, 'SIGKILL');
			} catch {
				// Gone, as it should be.
			}
		}
	}, 60_000);

	it('stops a worker on SIGTERM: a run that ends within the grace finishes there, one that does not goes to another worker as the next attempt', async () => {
		// A grace far longer than the short run (1 s), however loaded the box; far shorter than the long one (40 s).
		const draining = await stage.startWorker(['--queues', 'drain', '--concurrency', '2', '--grace', '10s']);
		const short = host.scheduler.submit('drain_short').run!.id;
		const long = host.scheduler.submit('drain_long').run!.id;
		expect(await onWorker(host, short)).toBe(draining.name);
		expect(await onWorker(host, long)).toBe(draining.name);
		draining.child.kill('SIGTERM');
		expect(await draining.exited).toBe(0);

		const finishedThere = await finished(host, short);
		expect(finishedThere.status).toBe('success');
		const givenBack = await finished(host, long);
		expect(givenBack.status).toBe('interrupted');
		expect(givenBack.error?.type).toBe('WorkerStopped');
		expect(givenBack.error?.message).toBe(`worker ${draining.name} stopped (SIGTERM) before the run finished, after its 10 s grace; handed to another worker as attempt 2`);
		expect(readFileSync(givenBack.logPath!, 'utf8')).toContain('"msg":"run cancelled"');

		// The stopped worker says so at once (no waiting for its heartbeat to lapse); the next attempt waits for a worker.
		await waitFor(() => host.scheduler.snapshot().remote?.workers.find(worker => worker.name === draining.name)?.online === false, 10_000, 'the stopped worker offline');
		const next = await waitFor(() => rowsOf(root.dir, 'drain_long').find(row => row.attempt === 2), 10_000, 'attempt 2');
		const taker = await stage.startWorker(['--queues', 'drain']);
		const retried = await finished(host, next.id, 30_000);
		expect(retried.status).toBe('success');
		expect(rowsOf(root.dir, 'drain_long').map(row => [row.attempt, row.status, row.worker])).toEqual([[1, 'interrupted', draining.name], [2, 'success', taker.name]]);
		// A 10 s grace, a hand-over and a second worker's start: about 20 s, past the default on a loaded box.
	}, 60_000);

	it('stops a worker on SIGTERM while Redis is away: it does not wait for Redis, and exits', async () => {
		const orphan = await stage.startWorker(['--queues', 'drain', '--grace', '1s']);
		await redis.stop();
		try {
			await waitFor(() => orphan.output().includes('ECONNREFUSED'), 20_000, 'the worker to find Redis gone');
			orphan.child.kill('SIGTERM');
			// Redis stays away for the whole stop. Either BullMQ's queues close on their own within the grace, or
			// past it the worker drops the connections at once (and says so), not after the last word it gives a
			// Redis that answers (10 s); either way it exits instead of waiting for Redis. The bound is the 1 s
			// grace, the 2 s the dropped connections get and the 2 s farewell, with room for a loaded box.
			const hung = new Promise<'hung'>(resolve => {
				setTimeout(() => resolve('hung'), 10_000).unref();
			});
			expect(await Promise.race([orphan.exited, hung])).toBe(0);
			expect(orphan.output()).toContain('"msg":"worker stopped"');
		} finally {
			await redis.startAgain();
		}
	}, 60_000);
});
