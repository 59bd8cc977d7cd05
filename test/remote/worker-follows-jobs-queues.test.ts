/**
 * A worker started without `--queues` takes its queues from its own jobs.yaml, and follows the file
 * as it follows its jobs: an operator who pulls a checkout that puts a run_on: workers job on a new
 * queue need not restart it. The worker opens the queue, says so in its log, its heartbeat names it
 * (what `status --json` and the console's workers show, and what ends the scheduler's notice that runs
 * wait there), and runs queued there before and after end `success` on it. A queue no job uses any
 * more is served on until a restart (a run the scheduler still queues there runs), and a change that
 * does not load changes nothing. Real parts: a redis-server, the scheduling host of a console, a real
 * `sage-console worker` process on a checkout of its own whose jobs.yaml the test rewrites.
 */
import {appendFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {SchedulerHost} from '../../src/host/scheduler-host.js';
import type {TempRoot} from '../helpers/temp-root.js';
import {waitFor} from '../helpers/wait-for.js';
import type {WorkerProcess} from '../helpers/worker-process.js';
import {finished, rowsOf} from './remote-fixtures.js';
import {openRemoteStage, type RemoteStage} from './remote-stage.js';

const crunch = '  - {id: crunch, trigger: manual, command: ["true"], run_on: workers, workers: analysis}\n';
const train = '  - {id: train, trigger: manual, command: ["true"], run_on: workers, workers: gpu}\n';

let stage: RemoteStage;
let host: SchedulerHost;
let worker: WorkerProcess;
let checkout: TempRoot;
let jobsFile: string;

beforeAll(async () => {
	// The console's checkout has both jobs; the worker's, on a machine of its own, is a pull behind.
	stage = await openRemoteStage({jobsYaml: `jobs:\n${crunch}${train}`, workerArgs: [], workerCount: 0});
	({host} = stage);
	({worker, checkout} = await stage.startWorkerOnCheckout({jobsYaml: `jobs:\n${crunch}`}, []));
	jobsFile = path.join(checkout.dir, 'config/jobs.yaml');
}, 60_000);

afterAll(async () => {
	await stage?.close();
}, 30_000);

const queueNotices = () => host.scheduler.snapshot().notices.filter(text => text.includes('worker queue'));
const queuesSeen = () => host.scheduler.snapshot().remote?.workers.find(seen => seen.name === worker.name && seen.online)?.queues;

/** Submits a run of `jobId` and returns its history row once it ended. */
async function ranTo(jobId: string, runId = host.scheduler.submit(jobId).run!.id) {
	expect((await finished(host, runId)).status).toBe('success');
	return rowsOf(stage.root.dir, jobId).find(row => row.id === runId);
}

describe('a worker that took its queues from its jobs.yaml', () => {
	it('serves a queue a change of the file puts a job on, without a restart: the run waiting there and later ones run on it', async () => {
		expect(worker.output()).toContain(`worker ${worker.name} taking runs from analysis;`);
		const waiting = host.scheduler.submit('train').run!.id;
		await waitFor(() => queueNotices().length > 0, 15_000, 'the notice that the run waits on an unserved queue');
		expect(queueNotices()[0]).toContain('1 run waits on worker queue gpu: no worker online serves it');

		appendFileSync(jobsFile, train);
		const said = `worker ${worker.name} now also takes runs from queue gpu (job train), new in config/jobs.yaml`;
		await waitFor(() => worker.output().includes(said) || undefined, 20_000, `the worker to say it takes runs from gpu (so far: ${worker.output()})`);
		expect(worker.output()).toContain(`${jobsFile} changed: the worker runs the 2 run_on: workers jobs of it now (crunch, train)`);
		expect(worker.output()).not.toContain('restart it');

		expect(await ranTo('train', waiting)).toMatchObject({status: 'success', worker: worker.name});
		await waitFor(() => queueNotices().length === 0, 15_000, 'the notice gone');
		await waitFor(() => queuesSeen()?.includes('gpu'), 15_000, 'the heartbeat to name queue gpu');
		expect(queuesSeen()).toEqual(['analysis', 'gpu']);
		expect(await ranTo('train')).toMatchObject({status: 'success', worker: worker.name});
	}, 90_000);

	it('keeps serving a queue no job of its file uses any more, until it restarts: a run the scheduler still queues there runs', async () => {
		// crunch moves to queue gpu on the worker's checkout; the console has not pulled yet and queues it on analysis.
		writeFileSync(jobsFile, `redis: ${stage.redis.url()}\njobs:\n${crunch.replace('workers: analysis', 'workers: gpu')}${train}`);
		const said = `config/jobs.yaml no longer puts a run_on: workers job on queue analysis: worker ${worker.name} keeps serving it until it restarts (runs may still be queued there)`;
		await waitFor(() => worker.output().includes(said) || undefined, 20_000, `the worker to say it keeps serving analysis (so far: ${worker.output()})`);
		expect(await ranTo('crunch')).toMatchObject({status: 'success', worker: worker.name});
		expect(queuesSeen()).toEqual(['analysis', 'gpu']);
	}, 60_000);

	it('serves what it served when a change does not load', async () => {
		appendFileSync(jobsFile, '  - {id: broken, trigger: manual, run_on: workers, workers: gpu\n');
		await waitFor(() => worker.output().includes(`${jobsFile} changed and does not load: the worker keeps the 2 run_on: workers jobs it read before`) || undefined, 20_000, `the worker to say the file does not load (so far: ${worker.output()})`);
		expect(await ranTo('train')).toMatchObject({status: 'success', worker: worker.name});
		expect(await ranTo('crunch')).toMatchObject({status: 'success', worker: worker.name});
		expect(queuesSeen()).toEqual(['analysis', 'gpu']);
	}, 60_000);
});
