/**
 * A worker whose checkout lacks a service's module file (a gateway built only on the trading box, where
 * its services run): it starts, and runs its run_on: workers jobs. A worker runs no service; it read
 * the whole jobs.yaml at its start, and a service's missing module ended it at once, exit 1, with
 * `config/jobs.yaml:…: module file not found: gateway/main.js`, although a job's missing module no
 * longer does. Real parts: a redis-server, the scheduling host of a console whose checkout has the
 * service's file, and a real `sage-console worker` on a checkout of its own without it.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {SchedulerHost} from '../../src/host/scheduler-host.js';
import {finished} from './remote-fixtures.js';
import {openRemoteStage, type RemoteStage} from './remote-stage.js';

// Disabled: the console's host need not start the gateway for this.
const jobsYaml = `jobs:
  - {id: fit, trigger: manual, command: ["node", "-e", "console.log('fitted')"], run_on: workers}
services:
  - {id: gateway, module: gateway/main.js, enabled: false}
`;
let stage: RemoteStage;
let host: SchedulerHost;

beforeAll(async () => {
	stage = await openRemoteStage({jobsYaml, workerArgs: [], workerCount: 0, files: {'gateway/main.js': 'setInterval(() => undefined, 1000);\n'}});
	({host} = stage);
}, 60_000);

afterAll(async () => {
	await stage?.close();
}, 30_000);

describe('a worker whose checkout lacks a service\'s module', () => {
	it('starts, and runs the job it was sent', async () => {
		// Given: the worker's checkout has the same jobs.yaml, but no gateway/main.js.
		const {worker} = await stage.startWorkerOnCheckout({jobsYaml}, ['--queues', 'default']);
		expect(worker.output()).toContain('taking runs from default');

		const record = await finished(host, host.scheduler.submit('fit').run!.id);
		expect({status: record.status, worker: record.worker}).toEqual({status: 'success', worker: worker.name});
	}, 60_000);
});
