/**
 * A worker's checkout lies elsewhere than the console's (another machine, another folder): a
 * `command:` job with no `cwd` runs in the worker's root, as its `module:` jobs and a `cwd:` inside
 * the root do. It ran in the console's root, its absolute path sent to the worker as the cwd: on
 * another machine a folder that is not there (the run failed to spawn) or an unrelated one, here the
 * console's own checkout, whose scripts it ran. Real parts: a redis-server, the scheduling host of a
 * console on one root, a real `sage-console worker` on a copy of it.
 */
import {readFileSync} from 'node:fs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {SchedulerHost} from '../../src/host/scheduler-host.js';
import type {TempRoot} from '../helpers/temp-root.js';
import {finished} from './remote-fixtures.js';
import {openRemoteStage, type RemoteStage} from './remote-stage.js';

const jobsYaml = `jobs:
  - {id: where, trigger: manual, command: ["sh", "scripts/where.sh"], run_on: workers}
  - {id: where_in_scripts, trigger: manual, command: ["sh", "where.sh"], cwd: scripts, run_on: workers}
`;
const whereScript = 'echo "ran in $(pwd -P), checkout of $(cat checkout.txt 2>/dev/null || cat ../checkout.txt)"\n';
let stage: RemoteStage;
let host: SchedulerHost;
let checkout: TempRoot;

beforeAll(async () => {
	stage = await openRemoteStage({jobsYaml, workerArgs: [], workerCount: 0, files: {'scripts/where.sh': whereScript, 'checkout.txt': 'console'}});
	({host} = stage);
	({checkout} = await stage.startWorkerOnCheckout({jobsYaml, files: {'scripts/where.sh': whereScript, 'checkout.txt': 'worker'}}, ['--queues', 'default']));
}, 60_000);

afterAll(async () => {
	await stage?.close();
}, 30_000);

/** What the run's script printed, as the console's log of the run has it. */
async function printed(jobId: string): Promise<{status: string; said: string[]}> {
	const record = await finished(host, host.scheduler.submit(jobId).run!.id);
	const lines = readFileSync(record.logPath!, 'utf8').trim().split('\n').map(line => JSON.parse(line) as {msg: string; stream?: string});
	return {status: record.status, said: lines.filter(line => line.stream === 'stdout').map(line => line.msg)};
}

describe('a worker whose checkout is in another folder than the console\'s', () => {
	it('runs a command job without cwd in its own root', async () => {
		expect(await printed('where')).toEqual({status: 'success', said: [`ran in ${checkout.dir}, checkout of worker`]});
	});

	it('runs a command job with a cwd inside the root in that folder of its own root', async () => {
		expect(await printed('where_in_scripts')).toEqual({status: 'success', said: [`ran in ${checkout.dir}/scripts, checkout of worker`]});
	});
});
