import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {isStillRunning} from '../../src/executors/proc-stat.js';
import {commandTarget, executorIn, moduleTarget, recordingSink, specFor} from './run-harness.js';
import {waitFor} from '../helpers/wait-for.js';

const jobs = {
	'jobs/spin.ts': 'export default function run(ctx: any) { ctx.progress(0, \'spinning\'); for (;;) {} }\n',
	'jobs/chatty.ts': 'export default async function run(ctx: any) { ctx.progress(0.5, \'x\'); ctx.log.info(\'line\'); ctx.notify(\'t\', \'b\'); return {ok: true}; }\n',
	'jobs/slow.ts': `import {threadId} from 'node:worker_threads';
export default async function run() { await new Promise(resolve => setTimeout(resolve, 300)); return {threadId}; }\n`,
};

describe('the local executor', () => {
	it('close() ends every live run (module and command) as cancelled and leaves no process behind', async () => {
		const {root, executor} = executorIn(jobs, {cancelGraceMs: 300});
		const sinks = [recordingSink(), recordingSink()];
		const spinning = executor.start(specFor(root.dir, moduleTarget(path.join(root.dir, 'jobs/spin.ts'))), sinks[0]!.sink);
		const sleeping = executor.start(specFor(root.dir, commandTarget(['sh', '-c', 'trap "" TERM; sleep 300'])), sinks[1]!.sink);
		await waitFor(() => sinks[0]!.progress.length > 0 && sinks[1]!.started.length > 0);
		await executor.close();
		const message = 'cancelled: the scheduler was shutting down';
		expect(await spinning.done).toEqual({status: 'cancelled', error: {type: 'Cancelled', message}});
		expect(await sleeping.done).toEqual({status: 'cancelled', error: {type: 'Cancelled', message}});
		const {pid, startTicks} = sinks[1]!.started[0]!.process!;
		expect(isStillRunning(pid, startTicks!)).toBe(false);
		expect(await executor.start(specFor(root.dir, moduleTarget(path.join(root.dir, 'jobs/chatty.ts'))), recordingSink().sink).done).toMatchObject({status: 'cancelled', error: {message: 'the executor is closed'}});
	});

	it('a sink that throws loses its reports, never the run', async () => {
		const {root, executor} = executorIn(jobs);
		const broken = {
			started() {
				throw new Error('sink broke');
			},
			progress() {
				throw new Error('sink broke');
			},
			log() {
				throw new Error('sink broke');
			},
			notify() {
				throw new Error('sink broke');
			},
		};
		expect(await executor.start(specFor(root.dir, moduleTarget(path.join(root.dir, 'jobs/chatty.ts'))), broken).done).toEqual({status: 'success', result: {ok: true}});
		expect(await executor.start(specFor(root.dir, commandTarget(['sh', '-c', 'echo "::progress 0.5"; echo out'])), broken).done).toMatchObject({status: 'success'});
	});

	it('runs of one job at the same time each get a worker of their own', async () => {
		const {root, executor} = executorIn(jobs, {spareWorkers: 2});
		const outcomes = await Promise.all([1, 2, 3].map(async () => executor.start(specFor(root.dir, moduleTarget(path.join(root.dir, 'jobs/slow.ts')), {jobId: 'slow'}), recordingSink().sink).done));
		const threads = outcomes.map(outcome => (outcome as {result: {threadId: number}}).result.threadId);
		expect(new Set(threads).size).toBe(3);
	});
});
