import {utimesSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {Executor} from '../../src/executors/executor.js';
import {executorIn, logLines, moduleTarget, recordingSink, specFor} from './run-harness.js';
import {waitFor} from '../helpers/wait-for.js';

/**
 * Each job reports the worker thread it ran on and how many runs its module has seen in that thread
 * (module state survives only in a reused worker).
 */
const counting = (body = '') => `import {threadId} from 'node:worker_threads';
let runs = 0;
export default async function run(ctx: any) {
	runs++;
	${body}
	return {threadId, runs};
}\n`;

const jobs = {
	'jobs/tidy.ts': counting(),
	'jobs/other-tidy.ts': counting(),
	'jobs/leaves-timer.ts': counting('setTimeout(() => {}, 60_000);'),
	'jobs/leaves-server.ts': counting('const {createServer} = await import(\'node:net\'); createServer().listen(0, \'127.0.0.1\');'),
	'jobs/closes-server.ts': counting('const {createServer} = await import(\'node:net\'); const server = createServer().listen(0, \'127.0.0.1\'); await new Promise(r => server.once(\'listening\', r)); await new Promise(r => server.close(r));'),
	'jobs/pollutes.ts': counting('(globalThis as any).leak = \'from pollutes\'; (Array.prototype as any).evil = () => \'evil\'; const keys = Object.keys; Object.keys = (o: any) => keys(o);'),
	'jobs/looks-around.ts': counting('if ((globalThis as any).leak !== undefined || ([] as any).evil !== undefined) throw new Error(\'saw another job\\\'s leftovers\');'),
	'jobs/sets-env.ts': counting('process.env.SAGE_LEFTOVER = \'1\';'),
	'jobs/fails-cleanly.ts': counting('if (runs === 1) throw new Error(\'first run fails\');'),
	'jobs/waits.ts': counting('if (ctx.params.wait) await new Promise(resolve => ctx.signal.addEventListener(\'abort\', resolve));'),
	// Module state holding ~48 MB: live, whatever the collector does.
	'jobs/big-heap.ts': counting('for (let i = 0; i < 60; i++) held.push(new Array(1e5).fill(i + 0.5));').replace('let runs = 0;', 'let runs = 0;\nconst held: number[][] = [];'),
};

type Ran = {threadId: number; runs: number};

async function run(executor: Executor, root: string, file: string, jobId = file.replace(/\W/g, '_')): Promise<Ran> {
	const outcome = await executor.start(specFor(root, moduleTarget(path.join(root, 'jobs', file)), {jobId}), recordingSink().sink).done;
	if (outcome.status !== 'success') {
		throw new Error(`${file}: ${JSON.stringify(outcome)}`);
	}

	return outcome.result as Ran;
}

describe('module runs are isolated; a worker is reused only for its own job, and only when clean', () => {
	it('a job whose run ended cleanly gets its own worker back (module state and all)', async () => {
		const {root, executor} = executorIn(jobs);
		const first = await run(executor, root.dir, 'tidy.ts');
		const second = await run(executor, root.dir, 'tidy.ts');
		expect(second).toEqual({threadId: first.threadId, runs: 2});
	});

	it('another job never gets that worker, and never sees what a job left in its own', async () => {
		const {root, executor} = executorIn(jobs, {spareWorkers: 2});
		const tidy = await run(executor, root.dir, 'tidy.ts');
		const other = await run(executor, root.dir, 'other-tidy.ts');
		expect(other.threadId).not.toBe(tidy.threadId);
		const polluter = await run(executor, root.dir, 'pollutes.ts');
		const looker = await run(executor, root.dir, 'looks-around.ts');
		expect(looker.threadId).not.toBe(polluter.threadId);
	});

	it('a run that left a timer or an open server behind, or changed globals, built-ins or process.env, ends its worker', async () => {
		const {root, executor} = executorIn(jobs);
		for (const file of ['leaves-timer.ts', 'leaves-server.ts', 'pollutes.ts', 'sets-env.ts']) {
			const first = await run(executor, root.dir, file);
			const second = await run(executor, root.dir, file);
			expect({file, reused: second.threadId === first.threadId, runs: second.runs}).toEqual({file, reused: false, runs: 1});
		}
	});

	it('the closing line of a run whose worker is not reused says why', async () => {
		const {root, executor} = executorIn(jobs);
		const timer = specFor(root.dir, moduleTarget(path.join(root.dir, 'jobs/leaves-timer.ts')));
		const polluter = specFor(root.dir, moduleTarget(path.join(root.dir, 'jobs/pollutes.ts')));
		await executor.start(timer, recordingSink().sink).done;
		await executor.start(polluter, recordingSink().sink).done;
		expect(logLines(timer.logPath).at(-1)).toMatchObject({msg: 'run success', worker: 'not reused: left 1 Timeout behind'});
		const why = String(logLines(polluter.logPath).at(-1)!.worker);
		expect(why).toMatch(/^not reused: /);
		for (const change of ['globalThis.leak was added', 'Array.prototype.evil was added', 'Object.keys was changed']) {
			expect(why).toContain(change);
		}
	});

	it('a run that closed what it opened, or failed by itself, leaves a reusable worker', async () => {
		const {root, executor} = executorIn(jobs);
		const first = await run(executor, root.dir, 'closes-server.ts');
		expect(await run(executor, root.dir, 'closes-server.ts')).toEqual({threadId: first.threadId, runs: 2});
		const failed = await executor.start(specFor(root.dir, moduleTarget(path.join(root.dir, 'jobs/fails-cleanly.ts')), {jobId: 'fails'}), recordingSink().sink).done;
		expect(failed).toMatchObject({status: 'failed', error: {message: 'first run fails'}});
		expect(await run(executor, root.dir, 'fails-cleanly.ts', 'fails')).toMatchObject({runs: 2});
	});

	it('a cancelled run ends its worker, even when the job returned as asked', async () => {
		const {root, executor} = executorIn(jobs);
		const sink = recordingSink();
		const handle = executor.start(specFor(root.dir, moduleTarget(path.join(root.dir, 'jobs/waits.ts')), {jobId: 'waits', params: {wait: true}}), sink.sink);
		await waitFor(() => sink.started.length > 0);
		handle.cancel('cancel');
		expect(await handle.done).toMatchObject({status: 'cancelled'});
		expect(await run(executor, root.dir, 'waits.ts', 'waits')).toMatchObject({runs: 1});
		expect(await run(executor, root.dir, 'waits.ts', 'waits')).toMatchObject({runs: 2});
	});

	it('an idle worker is ended after the idle time, and a changed job file gets a fresh worker', async () => {
		const {root, executor} = executorIn(jobs, {idleWorkerMs: 50});
		const first = await run(executor, root.dir, 'tidy.ts');
		await new Promise(resolve => {
			setTimeout(resolve, 1000);
		});
		expect(await run(executor, root.dir, 'tidy.ts')).toMatchObject({runs: 1});
		const {executor: second, root: secondRoot} = executorIn(jobs);
		const before = await run(second, secondRoot.dir, 'tidy.ts');
		const later = new Date(Date.now() + 5000);
		utimesSync(path.join(secondRoot.dir, 'jobs/tidy.ts'), later, later);
		const after = await run(second, secondRoot.dir, 'tidy.ts');
		expect(after.threadId).not.toBe(before.threadId);
		expect(after.runs).toBe(1);
		expect(first.runs).toBe(1);
	});

	it('an edited helper that a JavaScript job imports is used by its next run (.js, .mjs, .cjs as .ts), and stacks name its lines', async () => {
		const helpers = {
			'jobs/lib/util.js': 'export const VERSION = \'util-v1\';\nexport function fail() {\n\tthrow new Error(\'from the helper\');\n}\n',
			'jobs/lib/util.cjs': 'exports.VERSION = \'util-v1\';\n',
			'jobs/usesutil.js': 'import {VERSION, fail} from \'./lib/util.js\';\nexport default function run(ctx) { if (ctx.params.fail) fail(); return VERSION; }\n',
			'jobs/usesutil.mjs': 'import {VERSION} from \'./lib/util.js\';\nexport default function run() { return VERSION; }\n',
			'jobs/usesutil.cjs': 'const {VERSION} = require(\'./lib/util.cjs\');\nexports.default = function run() { return VERSION; };\n',
			'jobs/usests.ts': 'import {VERSION} from \'./lib/util.js\';\nexport default function run() { return VERSION; }\n',
		};
		const {root, executor} = executorIn(helpers);
		const runOf = async (file: string, params = {}) => executor.start(specFor(root.dir, moduleTarget(path.join(root.dir, 'jobs', file)), {jobId: file.replace(/\W/g, '_'), params}), recordingSink().sink).done;
		const files = ['usesutil.js', 'usesutil.mjs', 'usesutil.cjs', 'usests.ts'];
		for (const file of files) {
			expect(await runOf(file)).toEqual({status: 'success', result: 'util-v1'});
		}

		// The helpers are edited while the jobs' workers wait for their next runs (a later mtime, as an editor would leave).
		const later = new Date(Date.now() + 5000);
		for (const helper of ['jobs/lib/util.js', 'jobs/lib/util.cjs']) {
			const file = path.join(root.dir, helper);
			writeFileSync(file, helpers[helper as keyof typeof helpers].replace('util-v1', 'util-v2'));
			utimesSync(file, later, later);
		}

		for (const file of files) {
			expect(await runOf(file)).toEqual({status: 'success', result: 'util-v2'});
		}

		const failed = await runOf('usesutil.js', {fail: true});
		expect(failed.status === 'failed' && failed.error.stack).toMatch(/jobs\/lib\/util\.js:3:\d+[\s\S]*jobs\/usesutil\.js:2:\d+/);
	});

	it('a worker whose heap is over the reuse limit after a run is replaced', async () => {
		const {root, executor} = executorIn(jobs, {reuseHeapLimitMb: 24});
		const first = await run(executor, root.dir, 'big-heap.ts');
		const second = await run(executor, root.dir, 'big-heap.ts');
		expect(second.threadId).not.toBe(first.threadId);
	});
});
