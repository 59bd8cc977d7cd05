/**
 * A worker runs its own jobs.yaml's definition of a job (worker-runs-own-jobs-only.test.ts); what else
 * a run carries from Redis it now checks too. Params must fit the job's own `params_schema` (as the
 * scheduler checks those asked for), the trade date must be a real date, the run's data must have the
 * shape a scheduler gives it: a run that does not fails `BadParamsOnWorker` or `BadRunData`, naming the
 * worker, the job and the field, and nothing of it runs. Its timeout, heap cap and time zone are the
 * worker's own job's, whatever Redis carried (a difference is said in the run's message). Runs as the
 * scheduler sends them run as before, the job's own params included even when its schema lacks them.
 * Real parts: a redis-server, the scheduling host of a console, real `sage-console worker` processes,
 * BullMQ's Queue to tamper with queued runs or queue runs by hand as a writer to Redis could.
 */
import {existsSync} from 'node:fs';
import path from 'node:path';
import {Queue} from 'bullmq';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {SchedulerHost} from '../../src/host/scheduler-host.js';
import {queuePrefix} from '../../src/remote/remote-keys.js';
import type {RemoteJobData} from '../../src/remote/remote-job-data.js';
import {waitFor} from '../helpers/wait-for.js';
import type {WorkerProcess} from '../helpers/worker-process.js';
import {finished, rowsOf} from './remote-fixtures.js';
import {openRemoteStage, type RemoteStage} from './remote-stage.js';

const markScript = 'mkdir -p data && echo "$2" > "data/$1.marker"\n';
const markCommand = '["sh", "scripts/mark.sh", "{params.name}", "{trade_date}"]';
const jobsYaml = `max_parallel: 10
jobs:
  - {id: mark, trigger: manual, command: ${markCommand}, params: {name: plain, region: cn}, params_schema: {name: string, days: {type: integer, required: true}, api_token: string}, concurrency: allow, run_on: workers}
  - {id: mark_gpu, trigger: manual, command: ${markCommand}, timeout: 30s, run_on: workers, workers: gpu}
  - {id: slow, trigger: manual, command: ["sh", "-c", "sleep 4; mkdir -p data; touch data/slow.marker"], timeout: 1s, run_on: workers}
`;

let stage: RemoteStage;
let host: SchedulerHost;
let queue: Queue<RemoteJobData>;
let worker: WorkerProcess;

beforeAll(async () => {
	stage = await openRemoteStage({jobsYaml, workerArgs: [], workerCount: 0, files: {'scripts/mark.sh': markScript}});
	({host} = stage);
	queue = new Queue<RemoteJobData>('default', {connection: {url: stage.redis.url()}, prefix: queuePrefix});
}, 60_000);

afterAll(async () => {
	await queue?.close();
	await stage?.close();
}, 30_000);

const marker = (name: string) => existsSync(path.join(stage.root.dir, `data/${name}.marker`));

/** Run `runId`'s queued BullMQ job (no worker takes it yet), its data rewritten by `tamper`. */
async function tamperQueued(runId: number, tamper: (data: RemoteJobData) => unknown): Promise<void> {
	for (let tries = 0; tries < 200; tries++) {
		const job = (await queue.getWaiting()).find(waiting => waiting.data.runId === runId);
		if (job) {
			await job.updateData(tamper(job.data) as RemoteJobData);
			return;
		}

		await new Promise(resolve => {
			setTimeout(resolve, 50);
		});
	}

	throw new Error(`run ${runId} never reached the queue`);
}

const advice = 'the run was not carried out';

/** Runs of mark queued while no worker is up, each rewritten in Redis as its name says. */
const tampered: Record<string, number> = {};
const tampers: Record<string, (data: RemoteJobData) => unknown> = {
	typed: data => ({...data, params: {...data.params, days: 'many'}}),
	unknown: data => ({...data, params: {...data.params, shell_hook: 'x'}}),
	secret: data => ({...data, params: {...data.params, api_token: 987_654_321}}),
	datebad: data => ({...data, tradeDate: '2026-02-30'}),
	attempt0: data => ({...data, attempt: 0}),
	rootrel: data => ({...data, root: 'srv/trading'}),
	nofield(data) {
		const {params: _params, ...rest} = data;
		return rest;
	},
};

describe('a worker checking what a run carries besides its job\'s target', () => {
	beforeAll(async () => {
		for (const [name, tamper] of Object.entries(tampers)) {
			tampered[name] = host.scheduler.submit('mark', {params: {name}}).run!.id;
			await tamperQueued(tampered[name], tamper);
		}

		worker = await stage.startWorker(['--queues', 'default']);
	}, 60_000);

	it('runs a run as the scheduler sends it: asked params that fit the schema, the job\'s own params the schema does not name, and none of a required one (as a scheduled run may)', async () => {
		const record = await finished(host, host.scheduler.submit('mark', {params: {name: 'fits', days: 3}}).run!.id);
		expect(record.status).toBe('success');
		expect(marker('fits')).toBe(true);
		const plain = await finished(host, host.scheduler.submit('mark', {}).run!.id);
		expect(plain.status).toBe('success');
		expect(marker('plain')).toBe(true);
	}, 30_000);

	it('runs a run without the fields only a scheduler reads (its log\'s name, when it was queued) or a time zone', async () => {
		const data = {runId: 999_991, jobId: 'mark', target: {kind: 'command', argv: ['sh', 'scripts/mark.sh', '{params.name}', '{trade_date}'], shell: false, cwd: '.'}, params: {name: 'older'}, scheduledAt: Date.now(), attempt: 1, tradeDate: '2026-12-04'};
		await queue.add('mark', data as unknown as RemoteJobData, {jobId: 'mark.999991'});
		await waitFor(() => /"msg":"run 999991 of mark (success|failed|refused.*?)"/.exec(worker.output())?.[1], 20_000, `the run's end in the worker's log (so far: ${worker.output()})`);
		expect(worker.output()).toContain('"msg":"run 999991 of mark success"');
		expect(marker('older')).toBe(true);
	}, 30_000);

	it('fails a run whose params were rewritten in Redis to a wrong type, naming the worker, the job and the param', async () => {
		const record = await finished(host, tampered.typed!);
		expect({status: record.status, type: record.error?.type}).toEqual({status: 'failed', type: 'BadParamsOnWorker'});
		expect(record.error?.message).toContain(`worker ${worker.name}'s config/jobs.yaml: param "days" of mark must be an integer, not string "many": ${advice}`);
		expect(marker('typed')).toBe(false);
	}, 30_000);

	it('fails a run given a param its job\'s schema does not know', async () => {
		const record = await finished(host, tampered.unknown!);
		expect(record.error?.type).toBe('BadParamsOnWorker');
		expect(record.error?.message).toContain(`worker ${worker.name}'s config/jobs.yaml: unknown param "shell_hook" for mark; its params_schema knows name, days, api_token: ${advice}`);
		expect(marker('unknown')).toBe(false);
	}, 30_000);

	it('names a secret param that does not fit without its value (the message reaches history and the phone)', async () => {
		const record = await finished(host, tampered.secret!);
		expect(record.error?.message).toContain(`worker ${worker.name}'s config/jobs.yaml: param "api_token" of mark must be a string, not number: ${advice}`);
		expect(record.error?.message).not.toContain('987654321');
		expect(marker('secret')).toBe(false);
	}, 30_000);

	it('fails a run whose trade date is not a calendar date, naming the field', async () => {
		const record = await finished(host, tampered.datebad!);
		expect({type: record.error?.type, message: record.error?.message}).toEqual({type: 'BadRunData', message: expect.stringContaining(`worker ${worker.name} cannot read queued run`) as string});
		expect(record.error?.message).toContain(': tradeDate 2026-02-30 is not a date: February 2026 has 28 days: the run was not carried out');
		expect(marker('datebad')).toBe(false);
	}, 30_000);

	it('fails a run whose attempt is not a positive integer', async () => {
		const record = await finished(host, tampered.attempt0!);
		expect(record.error?.type).toBe('BadRunData');
		expect(record.error?.message).toContain(': attempt must be a positive integer, not number 0: ');
		expect(marker('attempt0')).toBe(false);
	}, 30_000);

	it('fails a run whose console root is no absolute folder (it maps the worker\'s own absolute paths)', async () => {
		const record = await finished(host, tampered.rootrel!);
		expect(record.error?.type).toBe('BadRunData');
		expect(record.error?.message).toContain(': root must be an absolute folder when given, not string "srv/trading": ');
		expect(marker('rootrel')).toBe(false);
	}, 30_000);

	it('fails a run missing a field (a scheduler of another version), saying which, and goes on taking runs', async () => {
		const record = await finished(host, tampered.nofield!);
		expect(record.error?.type).toBe('BadRunData');
		expect(record.error?.message).toContain(': params must be an object, not missing: ');
		expect(marker('nofield')).toBe(false);
		// Data that is no object at all, queued by hand: refused in the log, the worker still up.
		await queue.add('mark', null as unknown as RemoteJobData, {jobId: 'by-hand-null'});
		await waitFor(() => worker.output().includes('run ? of ? refused: BadRunData: ') || undefined, 20_000, `the refusal in the worker's log (so far: ${worker.output()})`);
		expect(worker.output()).toContain('cannot read queued run by-hand-null: the run\'s data must be an object, not null');
		expect((await finished(host, host.scheduler.submit('mark', {params: {name: 'still'}}).run!.id)).status).toBe('success');
	}, 40_000);

	it('keeps its own job\'s timeout when Redis carries none: a run queued by hand without one is timed out as the job says', async () => {
		const data: RemoteJobData = {runId: 999_990, jobId: 'slow', target: {kind: 'command', argv: ['sh', '-c', 'sleep 4; mkdir -p data; touch data/slow.marker'], shell: false, cwd: '.'}, params: {}, scheduledAt: Date.now(), attempt: 1, timeZone: 'UTC', logName: '20261206_990.log', enqueuedAt: Date.now()};
		await queue.add('slow', data, {jobId: 'slow.999990'});
		await waitFor(() => /"msg":"run 999990 of slow (timeout|success)"/.exec(worker.output())?.[1], 20_000, `the run's end in the worker's log (so far: ${worker.output()})`);
		expect(worker.output()).toContain('"msg":"run 999990 of slow timeout"');
		expect(marker('slow')).toBe(false);
	}, 30_000);
});

describe('a worker whose checkout gives a job another timeout than the console\'s', () => {
	it('runs it with its own, said in the run\'s message', async () => {
		const {worker: other} = await stage.startWorkerOnCheckout({jobsYaml: jobsYaml.replace('timeout: 30s', 'timeout: 1m'), files: {'scripts/mark.sh': markScript}}, ['--queues', 'gpu']);
		const record = await finished(host, host.scheduler.submit('mark_gpu', {params: {name: 'limits'}}).run!.id);
		expect(record.status).toBe('success');
		expect(rowsOf(stage.root.dir, 'mark_gpu').find(row => row.id === record.id)?.message).toBe(`worker ${other.name}'s config/jobs.yaml defines mark_gpu with timeout 1m00s here, 30s on the scheduler: the run had the worker's own (its checkout is at another commit)`);
	}, 60_000);
});
