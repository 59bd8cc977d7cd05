/**
 * A worker whose checkout lacks a job's module (not pulled yet): the run fails `ModuleNotFound` naming
 * the file where the worker looked, and the failure alert names the worker whose checkout it is — in
 * its text (`worker: host:pid`) and the webhook's `run.worker` — as history does. The alert named
 * no worker: from the phone, a run failing on one machine's stale checkout read as the job being
 * broken. Real parts: a redis-server, the scheduling host of a console, a webhook receiver, a real
 * `sage-console worker` on a checkout of its own without the module (its jobs.yaml names it, as the
 * console's does: a worker runs only the jobs its own jobs.yaml defines).
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {SchedulerHost} from '../../src/host/scheduler-host.js';
import {SpawnedWorkers} from '../helpers/spawned-workers.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';
import {waitFor} from '../helpers/wait-for.js';
import type {WorkerProcess} from '../helpers/worker-process.js';
import {LocalReceiver} from '../http/local-receiver.js';
import {finished, rowsOf} from './remote-fixtures.js';
import {openRemoteStage, type RemoteStage} from './remote-stage.js';

const jobsYaml = `jobs:
  - {id: fit, trigger: manual, module: jobs/fit.ts, run_on: workers}
  - {id: fit_other, trigger: manual, module: jobs/fit.ts, run_on: workers, workers: other}
`;
let stage: RemoteStage;
let host: SchedulerHost;
let checkout: TempRoot;
let worker: WorkerProcess;
const alerts = new LocalReceiver();
const spawned = new SpawnedWorkers();
let ownCheckout: TempRoot | undefined;

beforeAll(async () => {
	const alertsUrl = await alerts.start();
	stage = await openRemoteStage({jobsYaml, workerArgs: [], workerCount: 0, files: {
		'jobs/fit.ts': 'export default async function run() { return {fitted: true}; }\n',
		'config/notify_config.json': JSON.stringify({channels: {webhook: {url: `${alertsUrl}/alerts`}}}),
	}});
	({host} = stage);
	({worker, checkout} = await stage.startWorkerOnCheckout({jobsYaml}, ['--queues', 'default']));
}, 60_000);

afterAll(async () => {
	spawned.killAll();
	ownCheckout?.remove();
	await stage?.close();
	await alerts.stop();
}, 30_000);

type Alert = {event: string; text: string; job?: {id: string}; run?: {id: number; worker?: string}};

describe('a worker whose checkout lacks the job\'s module', () => {
	it('fails the run naming the file it looked for, and the alert names the worker', async () => {
		const runId = host.scheduler.submit('fit').run!.id;
		const record = await finished(host, runId);
		expect(record.status).toBe('failed');
		expect(`${record.error?.type}: ${record.error?.message}`).toContain(`ModuleNotFound: module file not found: ${checkout.dir}/jobs/fit.ts`);
		expect(rowsOf(stage.root.dir, 'fit').map(row => row.worker)).toEqual([worker.name]);

		await alerts.waitFor(1);
		const alert = alerts.received.map(request => JSON.parse(request.body) as Alert).find(event => event.event === 'failure' && event.run?.id === runId);
		expect(alert?.text.split('\n')).toContain(`worker: ${worker.name}`);
		expect(alert?.run?.worker).toBe(worker.name);
	});

	it('starts all the same when it reads Redis from its jobs.yaml (no --redis), and the run fails ModuleNotFound', async () => {
		// Given: a worker with no --redis (it reads jobs.yaml for it) on a checkout whose jobs.yaml names jobs/fit.ts, not there.
		ownCheckout = makeTempRoot({'config/jobs.yaml': `redis: ${stage.redis.url()}\n${jobsYaml}`});
		const other = spawned.start(ownCheckout.dir, process.env, ['--queues', 'other']);
		await waitFor(() => other.output().includes('taking runs from other') || undefined, 20_000, `the worker to take runs (output so far: ${other.output()}, exit ${other.code()})`);

		const record = await finished(host, host.scheduler.submit('fit_other').run!.id);
		expect(`${record.error?.type}: ${record.error?.message}`).toContain(`ModuleNotFound: module file not found: ${ownCheckout.dir}/jobs/fit.ts`);
	}, 60_000);
});
