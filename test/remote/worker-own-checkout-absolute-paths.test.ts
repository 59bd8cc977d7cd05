/**
 * A jobs.yaml may name the console's checkout by absolute paths (`cwd: /srv/trading/scripts`,
 * `module: /srv/trading/jobs/x.ts`); the console sends them relative to its root, and a worker whose
 * checkout lies elsewhere (/home/w/trading) runs them there, as it did before it compared runs with its
 * own jobs.yaml. Since then the worker compared its own absolute cwd with the console's relative one
 * and failed the run JobDiffersOnWorker, and refused its whole jobs.yaml for a module "outside the
 * project root", so it did not start. Real parts: a redis-server, the scheduling host of a console on
 * one root, real `sage-console worker` processes on checkouts of their own whose jobs.yaml is the
 * console's text; a marker file in the worker's checkout says where the run ran.
 */
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {SchedulerHost} from '../../src/host/scheduler-host.js';
import type {TempRoot} from '../helpers/temp-root.js';
import {finished} from './remote-fixtures.js';
import {openRemoteStage, type RemoteStage} from './remote-stage.js';

/** The console's jobs.yaml, naming its root by its absolute path; the workers' checkouts have the same text. */
const cwdJob = (root: string) => `  - {id: where, trigger: manual, command: ["sh", "where.sh"], cwd: ${root}/scripts, run_on: workers, workers: cwd}\n`;
const moduleJob = (root: string) => `  - {id: mark, trigger: manual, module: ${root}/jobs/mark.ts, run_on: workers, workers: mod}\n`;
const jobsYaml = (root: string) => `jobs:\n${cwdJob(root)}${moduleJob(root)}`;

const whereScript = 'mkdir -p ../data && echo "ran in $(pwd -P), checkout of $(cat ../checkout.txt)" | tee ../data/where.marker\n';
/** Writes beside its own file's checkout, so the marker says which checkout's module ran. */
const markModule = `import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
export default async function run() {
	const checkout = readFileSync(new URL('../checkout.txt', import.meta.url), 'utf8').trim();
	mkdirSync(new URL('../data/', import.meta.url), {recursive: true});
	writeFileSync(new URL('../data/mark.marker', import.meta.url), checkout + '\\n');
	return {checkout};
}
`;
const files = (checkout: string) => ({'scripts/where.sh': whereScript, 'jobs/mark.ts': markModule, 'checkout.txt': checkout});

let stage: RemoteStage;
let host: SchedulerHost;

beforeAll(async () => {
	stage = await openRemoteStage({jobsYaml, workerArgs: [], workerCount: 0, files: files('console')});
	({host} = stage);
}, 60_000);

afterAll(async () => {
	await stage?.close();
}, 30_000);

async function run(jobId: string): Promise<{status: string; message: string | undefined; error: string | undefined}> {
	const record = await finished(host, host.scheduler.submit(jobId).run!.id);
	return {status: record.status, message: record.message, error: record.error && `${record.error.type}: ${record.error.message}`};
}

const marker = (checkout: TempRoot | string, name: string) => {
	const file = path.join(typeof checkout === 'string' ? checkout : checkout.dir, 'data', name);
	return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
};

describe('a worker whose checkout is elsewhere than the absolute paths its jobs.yaml names', () => {
	it('runs a command job whose cwd is an absolute folder inside the console\'s root in that folder of its own checkout', async () => {
		// Given: a worker whose jobs.yaml says cwd: CONSOLE_ROOT/scripts, on a checkout in another folder.
		const {checkout} = await stage.startWorkerOnCheckout({jobsYaml: `jobs:\n${cwdJob(stage.root.dir)}`, files: files('worker')}, ['--queues', 'cwd']);
		// When: the console runs the job. Then: it ran in the worker's own scripts/ folder.
		expect(await run('where')).toMatchObject({status: 'success', error: undefined});
		expect(marker(checkout, 'where.marker')).toBe(`ran in ${checkout.dir}/scripts, checkout of worker`);
		expect(marker(stage.root.dir, 'where.marker')).toBeUndefined();
	}, 60_000);

	it('starts with a module given by an absolute path inside the console\'s root, and runs its own checkout\'s file', async () => {
		// Given: a worker on a checkout in another folder, its jobs.yaml the console's (both jobs).
		const {worker, checkout} = await stage.startWorkerOnCheckout({jobsYaml: jobsYaml(stage.root.dir), files: files('worker')}, ['--queues', 'mod']);
		expect(worker.output()).toContain('(where, mark), nothing else');
		// When: the console runs the module job. Then: the worker's own jobs/mark.ts ran, as the console's would (no note).
		expect(await run('mark')).toEqual({status: 'success', message: undefined, error: undefined});
		expect(marker(checkout, 'mark.marker')).toBe('worker');
		expect(marker(stage.root.dir, 'mark.marker')).toBeUndefined();
	}, 60_000);
});
