/**
 * A worker runs only what its own checkout's jobs.yaml defines. A run on Redis carries its job's target
 * (module, or command argv, shell, cwd, env); the worker ran whatever that said, so whoever could write
 * to Redis could run any program on every worker. Now a run whose job the worker's jobs.yaml does not
 * put on workers, or defines otherwise, fails (`JobNotOnWorker`, `JobDiffersOnWorker`) naming the
 * worker, the job and what differs, and nothing of it runs; a run as the worker defines it runs as
 * before (params, trade date and env included). The worker reads its jobs.yaml again when it changes,
 * keeping what it read before when the new text does not load. Real parts: a redis-server, the
 * scheduling host of a console, real `sage-console worker` processes, BullMQ's Queue to tamper with a
 * queued run as a writer to Redis could.
 */
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {Queue} from 'bullmq';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {SchedulerHost} from '../../src/host/scheduler-host.js';
import {queuePrefix} from '../../src/remote/remote-keys.js';
import type {RemoteJobData} from '../../src/remote/remote-job-data.js';
import {LocalReceiver} from '../http/local-receiver.js';
import {startCli} from '../helpers/run-cli.js';
import type {TempRoot} from '../helpers/temp-root.js';
import {waitFor} from '../helpers/wait-for.js';
import type {WorkerProcess} from '../helpers/worker-process.js';
import {finished, rowsOf} from './remote-fixtures.js';
import {openRemoteStage, type RemoteStage} from './remote-stage.js';

const markScript = 'mkdir -p data && echo "$2 $MARK_WHO" > "data/$1.marker"\n';
const jobsYaml = `jobs:
  - {id: mark, trigger: manual, command: ["sh", "scripts/mark.sh", "{params.name}", "{trade_date}"], env: {MARK_WHO: from-env}, params: {name: plain}, run_on: workers}
  - {id: mark_gpu, trigger: manual, command: ["sh", "scripts/mark.sh", "{params.name}", "{trade_date}"], env: {MARK_WHO: gpu}, run_on: workers, workers: gpu}
`;
/** What a writer to Redis puts in a queued run instead of its job's command. */
const evil: RemoteJobData['target'] = {kind: 'command', argv: ['sh', '-c', 'mkdir -p data && touch data/pwned.marker'], shell: false};

let stage: RemoteStage;
let host: SchedulerHost;
let queue: Queue<RemoteJobData>;
/** The worker of the stage's root, on queue `default` (started by the first test). */
let worker: WorkerProcess;
const alerts = new LocalReceiver();

beforeAll(async () => {
	const alertsUrl = await alerts.start();
	stage = await openRemoteStage({jobsYaml, workerArgs: [], workerCount: 0, files: {
		'scripts/mark.sh': markScript,
		'config/notify_config.json': JSON.stringify({channels: {webhook: {url: `${alertsUrl}/alerts`}}}),
	}});
	({host} = stage);
	queue = new Queue<RemoteJobData>('default', {connection: {url: stage.redis.url()}, prefix: queuePrefix});
}, 60_000);

afterAll(async () => {
	await queue?.close();
	await stage?.close();
	await alerts.stop();
}, 30_000);

type Alert = {event: string; text: string; run?: {id: number; worker?: string}};

/** The queued BullMQ job of run `runId` (no worker takes it yet), its data rewritten by `tamper`. */
async function tamperQueued(runId: number, tamper: (data: RemoteJobData) => RemoteJobData): Promise<void> {
	for (let tries = 0; tries < 200; tries++) {
		const job = (await queue.getWaiting()).find(waiting => waiting.data.runId === runId);
		if (job) {
				await job.updateData(tamper(job.data));
			return;
		}

		await new Promise(resolve => {
			setTimeout(resolve, 50);
		});
	}

	throw new Error(`run ${runId} never reached the queue`);
}

describe('a worker given a run its own jobs.yaml does not define so', () => {

	it('fails a queued run whose command was rewritten in Redis, naming the worker, the job and both commands; the command does not run', async () => {
		// Given: a run of mark queued while no worker is up, its command then rewritten in Redis.
		const runId = host.scheduler.submit('mark', {params: {name: 'first'}}).run!.id;
		await tamperQueued(runId, data => ({...data, target: evil}));
		// When: a worker of the same checkout takes it.
		worker = await stage.startWorker(['--queues', 'default']);
		const record = await finished(host, runId);

		// Then: it failed, said so in history, show and the worker's log, and nothing ran.
		const said = `worker ${worker.name}'s config/jobs.yaml defines mark differently: command ["sh","scripts/mark.sh","{params.name}","{trade_date}"] here, ["sh","-c","mkdir -p data && touch data/pwned.marker"] on the scheduler; env MARK_WHO not the same here as on the scheduler (values not shown): the run was not carried out; a worker runs only the run_on: workers jobs of its own checkout: bring it to the console's commit (the worker re-reads jobs.yaml by itself)`;
		expect({status: record.status, type: record.error?.type, message: record.error?.message}).toEqual({status: 'failed', type: 'JobDiffersOnWorker', message: said});
		expect(rowsOf(stage.root.dir, 'mark').find(row => row.id === runId)?.worker).toBe(worker.name);
		// `show` beside the live scheduler, which runs in this process: spawned, not waited for synchronously.
		const show = startCli(['show', String(runId), '--root', stage.root.dir]);
		const exitCode = await show.exited;
		await waitFor(() => show.output().stdout.includes(`JobDiffersOnWorker: ${said}`) || undefined, 5000, `show ${runId} to name the error (exit ${exitCode})`);
		expect(existsSync(path.join(stage.root.dir, 'data/pwned.marker'))).toBe(false);
		expect(existsSync(path.join(stage.root.dir, 'data/first.marker'))).toBe(false);
		await alerts.waitFor(1);
		const alert = alerts.received.map(request => JSON.parse(request.body) as Alert).find(event => event.event === 'failure' && event.run?.id === runId);
		expect(alert?.text).toContain(`JobDiffersOnWorker: ${said}`);
		expect(alert?.run?.worker).toBe(worker.name);
		await waitFor(() => worker.output().includes(`run ${runId} of mark refused: JobDiffersOnWorker: worker ${worker.name}'s config/jobs.yaml defines mark differently`) || undefined, 10_000, 'the refusal in the worker\'s log');
	}, 60_000);

	it('says at its start how many jobs it runs, from which file', () => {
		expect(worker.output()).toContain(`it runs the 2 run_on: workers jobs of ${stage.root.dir}/config/jobs.yaml (mark, mark_gpu), nothing else`);
	});

	it('runs the job as its jobs.yaml defines it: the run\'s params, trade date and env as before', async () => {
		const record = await finished(host, host.scheduler.submit('mark', {params: {name: 'second'}}).run!.id);
		expect(record.status).toBe('success');
		const [tradeDate, who] = readFileSync(path.join(stage.root.dir, 'data/second.marker'), 'utf8').trim().split(' ');
		expect({tradeDate: /^\d{4}-\d{2}-\d{2}$/.test(tradeDate!), who}).toEqual({tradeDate: true, who: 'from-env'});
	}, 30_000);

	it('refuses a run of a job its jobs.yaml does not have, put on the queue by a writer to Redis; the command does not run', async () => {
		const data: RemoteJobData = {runId: 999_999, jobId: 'ghost', target: evil, params: {}, scheduledAt: Date.now(), attempt: 1, timeZone: 'UTC', logName: '20261206_999.log', enqueuedAt: Date.now()};
		await queue.add('ghost', data, {jobId: 'ghost.999999'});
		await waitFor(() => worker.output().includes(`run 999999 of ghost refused: JobNotOnWorker: worker ${worker.name}'s config/jobs.yaml has no job ghost: the run was not carried out`) || undefined, 20_000, `the refusal in the worker's log (so far: ${worker.output()})`);
		expect(existsSync(path.join(stage.root.dir, 'data/pwned.marker'))).toBe(false);
	}, 30_000);
});

describe('a run put on the queue by a writer to Redis under a queue job id that is a path', () => {
	it('is logged inside logs/worker/, leaving the file the id points at as it was', async () => {
		// Given: a file two folders above logs/worker/, and a run of mark as the worker defines it (so it runs), under the id ../../victim.
		const victim = path.join(stage.root.dir, 'victim.log');
		writeFileSync(victim, 'kept\n');
		const target: RemoteJobData['target'] = {kind: 'command', argv: ['sh', 'scripts/mark.sh', '{params.name}', '{trade_date}'], shell: false, cwd: '.', env: {MARK_WHO: 'from-env'}};
		const data: RemoteJobData = {runId: 999_998, jobId: 'mark', target, params: {name: 'by_id'}, scheduledAt: Date.now(), attempt: 1, timeZone: 'UTC', logName: '20261206_998.log', enqueuedAt: Date.now()};
		await queue.add('mark', data, {jobId: '../../victim'});
		// When: the worker has carried it out (its end's line comes once its log was given back).
		await waitFor(() => worker.output().includes('"msg":"run 999998 of mark success"') || undefined, 20_000, `the run's end in the worker's log (so far: ${worker.output()})`);

		// Then: it ran, and the file the id named is untouched.
		expect(existsSync(path.join(stage.root.dir, 'data/by_id.marker'))).toBe(true);
		expect(readFileSync(victim, 'utf8')).toBe('kept\n');
	}, 30_000);
});

describe('a worker whose own jobs.yaml changes while it runs (the checkout pulled)', () => {
	let checkout: TempRoot;
	let worker: WorkerProcess;
	const jobsFile = () => path.join(checkout.dir, 'config/jobs.yaml');

	beforeAll(async () => {
		({worker, checkout} = await stage.startWorkerOnCheckout({jobsYaml, files: {'scripts/mark.sh': markScript}}, ['--queues', 'gpu']));
	}, 60_000);

	async function runGpu(name: string) {
		return finished(host, host.scheduler.submit('mark_gpu', {params: {name}}).run!.id);
	}

	it('reads it again without a restart: a job defined otherwise there now fails, and runs again once it matches', async () => {
		expect((await runGpu('before')).status).toBe('success');
		expect(readFileSync(path.join(checkout.dir, 'data/before.marker'), 'utf8')).toMatch(/ gpu\n$/);

		const original = readFileSync(jobsFile(), 'utf8');
		writeFileSync(jobsFile(), original.replace('env: {MARK_WHO: gpu}, run_on: workers, workers: gpu', 'env: {MARK_WHO: gpu}, shell: true, run_on: workers, workers: gpu'));
		const changed = await runGpu('changed');
		expect({type: changed.error?.type, message: changed.error?.message}).toEqual({type: 'JobDiffersOnWorker', message: expect.stringContaining(`worker ${worker.name}'s config/jobs.yaml defines mark_gpu differently: shell: true here, false on the scheduler: the run was not carried out`) as string});
		expect(existsSync(path.join(checkout.dir, 'data/changed.marker'))).toBe(false);

		// A file that does not load keeps what was read before (the changed definition), said at FILE:LINE:COL.
		writeFileSync(jobsFile(), `${original}  - {id: broken, trigger: manual, command: ["true"], run_on: workers, retries: lots}\n`);
		const broken = await runGpu('broken');
		expect(broken.error?.type).toBe('JobDiffersOnWorker');
		expect(worker.output()).toMatch(new RegExp(`${jobsFile()}:5:\\d+: `));
		expect(worker.output()).toContain(`${jobsFile()} changed and does not load: the worker keeps the 2 run_on: workers jobs it read before`);

		writeFileSync(jobsFile(), original);
		expect((await runGpu('after')).status).toBe('success');
		expect(existsSync(path.join(checkout.dir, 'data/after.marker'))).toBe(true);
	}, 90_000);
});
