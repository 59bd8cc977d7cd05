/**
 * A worker whose checkout has another version of a job's module (not pulled, or ahead): the run goes
 * on with the worker's code, and its message says the worker's file is not the console's, naming the
 * file and the worker; a worker with the same file adds nothing. It said nothing: the run's result
 * came from other code under the same name. Real parts: a redis-server, the scheduling host of a
 * console, real `sage-console worker` processes on the console's checkout and on one of its own.
 */
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {SchedulerHost} from '../../src/host/scheduler-host.js';
import type {TempRoot} from '../helpers/temp-root.js';
import type {WorkerProcess} from '../helpers/worker-process.js';
import {finished, rowsOf} from './remote-fixtures.js';
import {openRemoteStage, type RemoteStage} from './remote-stage.js';

const jobsYaml = `jobs:
  - {id: fit_here, trigger: manual, module: jobs/fit.ts, run_on: workers, workers: same}
  - {id: fit_there, trigger: manual, module: jobs/fit.ts, run_on: workers, workers: other}
`;
const fit = (version: number) => `export default async function run() { return {version: ${version}}; }\n`;
let stage: RemoteStage;
let host: SchedulerHost;
let other: WorkerProcess;
let otherCheckout: TempRoot;

beforeAll(async () => {
	stage = await openRemoteStage({jobsYaml, workerArgs: ['--queues', 'same'], workerCount: 1, files: {'jobs/fit.ts': fit(1)}});
	({host} = stage);
	({worker: other, checkout: otherCheckout} = await stage.startWorkerOnCheckout({jobsYaml, files: {'jobs/fit.ts': fit(2)}}, ['--queues', 'other']));
}, 60_000);

afterAll(async () => {
	await stage?.close();
}, 30_000);

describe('a job\'s module on a worker', () => {
	it('says nothing when the worker\'s file is the console\'s', async () => {
		const record = await finished(host, host.scheduler.submit('fit_here').run!.id);
		expect(record.status).toBe('success');
		expect(record.result).toEqual({version: 1});
		expect(rowsOf(stage.root.dir, 'fit_here')[0]!.message).toBeNull();
	});

	it('says in the run\'s message that the worker\'s file is not the console\'s, naming the file and the worker', async () => {
		const record = await finished(host, host.scheduler.submit('fit_there').run!.id);
		expect(record.status).toBe('success');
		expect(record.result).toEqual({version: 2});
		const [row] = rowsOf(stage.root.dir, 'fit_there');
		expect(row!.message).toMatch(new RegExp(`^jobs/fit\\.ts on worker ${other.name} is not the console's \\(sha256 [\\da-f]{16}…, the console's [\\da-f]{16}…\\): its checkout is at another commit$`));
	});

	it('says nothing once the worker\'s checkout is updated to the console\'s file (same size, a new modification time)', async () => {
		writeFileSync(path.join(otherCheckout.dir, 'jobs/fit.ts'), fit(1));
		const record = await finished(host, host.scheduler.submit('fit_there').run!.id);
		expect(record.result).toEqual({version: 1});
		expect(rowsOf(stage.root.dir, 'fit_there').at(-1)!.message).toBeNull();
	});
});
