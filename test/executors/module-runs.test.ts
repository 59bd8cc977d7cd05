import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {executorIn, logLines, moduleTarget, recordingSink, specFor} from './run-harness.js';
import {waitFor} from '../helpers/wait-for.js';

/** Job modules as an operator writes them (TypeScript, loaded through tsx), each doing one thing. */
const jobs = {
	'jobs/ctx.ts': `export default async function run(ctx: any) {
	ctx.log.info({symbols: ctx.params.symbols.length}, 'start');
	console.log('plain console line');
	console.error('a warning on stderr');
	process.stdout.write('no newline at the end');
	ctx.progress(0.5, 'half way');
	ctx.notify('日报 ready', 'the body', {users: ['ops', 42]});
	return {
		jobId: ctx.jobId, runId: ctx.runId, params: ctx.params, scheduledAt: ctx.scheduledAt.toISOString(), isDate: ctx.scheduledAt instanceof Date,
		tradeDate: ctx.tradeDate, attempt: ctx.attempt, paths: ctx.paths, aborted: ctx.signal.aborted,
	};
}\n`,
	'jobs/class-job.ts': 'export default class Job { async execute(ctx: any) { return {kind: \'class\', id: ctx.jobId}; } }\n',
	'jobs/object-job.ts': 'export default { execute(ctx: any) { return {kind: \'object\', id: ctx.jobId}; } };\n',
	// A CommonJS module whose exports object has a `default` (what a compiled ES module looks like to import()).
	'jobs/cjs-job.cjs': 'exports.default = function run(ctx) { return {kind: \'cjs\', id: ctx.jobId}; };\n',
	'jobs/throws.ts': `class DataFeedError extends Error { override name = 'DataFeedError'; }
export default async function run() {
	const low = new Error('socket hang up');
	throw new DataFeedError('feed returned 502 for 600519.SH', {cause: low});
}\n`,
	'jobs/rejects.ts': 'export default async function run() { await Promise.reject(new RangeError(\'bad range\')); }\n',
	'jobs/throws-string.ts': 'export default function run() { throw \'plain text\'; }\n',
	'jobs/throws-object.ts': 'export default function run() { throw {code: 42, msg: \'object thrown\'}; }\n',
	'jobs/exits.ts': 'export default function run() { process.exit(3); }\n',
	'jobs/kills-self.ts': `export default function run(ctx: any) {
	const tried: string[] = [];
	for (const [pid, signal] of [[process.pid, 'SIGTERM'], [0, 'SIGTERM'], [-1, 'SIGKILL'], [process.pid, 'SIGKILL']] as const) {
		try { process.kill(pid, signal); tried.push(pid + ' allowed'); } catch (error: any) { tried.push(error.name); }
	}
	try { (process as any).abort(); } catch (error: any) { tried.push('abort: ' + error.code); }
	tried.push(String(process.kill(process.pid, 0)));
	if (ctx.params.uncaught) process.kill(process.pid, 'SIGTERM');
	return {tried};
}\n`,
	'jobs/spin.ts': 'export default function run() { for (;;) {} }\n',
	'jobs/ignores-signal.ts': 'export default function run() { return new Promise(resolve => setTimeout(resolve, 60_000)); }\n',
	'jobs/stops-when-asked.ts': `export default function run(ctx: any) {
	ctx.progress(0.1, 'waiting');
	return new Promise(resolve => ctx.signal.addEventListener('abort', () => resolve({stoppedBecause: ctx.signal.reason.name})));
}\n`,
	'jobs/hog.ts': 'export default function run() { const keep: unknown[] = []; for (;;) keep.push(new Array(1e5).fill(Math.random())); }\n',
	'jobs/odd-result.ts': `export default function run(ctx: any) {
	const bare = Object.create(null); bare.symbol = '600519.SH';
	const loop: any = {name: 'loop'}; loop.self = loop;
	ctx.progress(Number.NaN, {toString() { throw new Error('no'); }});
	ctx.progress(7, 'x'.repeat(2000));
	ctx.progress('0.5' as any, Symbol('s') as any);
	return {
		bare, loop, total: 12345678901234567890n, at: new Date(Date.UTC(2026, 11, 3)), fn() { return 'secret source'; }, sym: Symbol('x'),
		bad: {toJSON() { throw new Error('toJSON broke'); }}, map: new Map([['a', 1]]), set: new Set([1, 2]), nan: Number.NaN,
	};
}\n`,
	'jobs/syntax-error.ts': 'export default function run( { return 1 }\n',
	'jobs/no-export.ts': 'export const nothing = 1;\n',
};

describe('a module run in a worker thread', () => {
	it('gets the ctx of product.md, and its log, console and progress reach the run log and the sink', async () => {
		const {root, executor} = executorIn(jobs);
		const sink = recordingSink();
		const spec = specFor(root.dir, moduleTarget(path.join(root.dir, 'jobs/ctx.ts')), {params: {symbols: ['600519.SH', '000001.SZ']}, attempt: 2});
		const outcome = await executor.start(spec, sink.sink).done;
		expect(outcome).toEqual({status: 'success', result: {
			jobId: 'test_job', runId: spec.runId, params: {symbols: ['600519.SH', '000001.SZ']}, scheduledAt: '2026-12-03T08:00:00.000Z', isDate: true,
			tradeDate: '2026-12-03', attempt: 2, paths: spec.paths, aborted: false,
		}});
		expect(sink.started).toHaveLength(1);
		expect(sink.progress).toContainEqual({fraction: 0.5, message: 'half way'});
		expect(sink.notified).toEqual([{title: '日报 ready', body: 'the body', users: ['ops']}]);
		const lines = logLines(spec.logPath);
		expect(lines[0]).toMatchObject({msg: 'run started', jobId: 'test_job', runId: spec.runId, attempt: 2, scheduledAt: '2026-12-03T08:00:00.000Z', module: path.join(root.dir, 'jobs/ctx.ts')});
		expect(lines.map(line => line.msg)).toEqual(['run started', 'start', 'plain console line', 'a warning on stderr', 'no newline at the end', 'run success']);
		expect(lines[1]).toMatchObject({level: 30, symbols: 2});
		expect(lines[3]).toMatchObject({level: 40, stream: 'stderr'});
		// The closing line's duration is history's (from the job's code starting); the module's load is told apart.
		const closing = lines.at(-1) as {level: number; msg: string; time: number; durationMs: number; startupMs: number};
		expect(closing).toMatchObject({level: 30, msg: 'run success'});
		const codeStartedAt = sink.started[0]!.at;
		// It is taken just before the line is stamped (1 ms each way for rounding); counted from the log's
		// opening it would be startupMs more. Between the two, a loaded box may hold this process up a while.
		const codeToClosing = closing.time - codeStartedAt;
		expect(closing.durationMs).toBeLessThanOrEqual(codeToClosing + 2);
		expect(closing.durationMs).toBeGreaterThanOrEqual(codeToClosing - 500);
		// startupMs counts from the log's opening, a moment before its first line is stamped (longer on a loaded box).
		const sinceFirstLine = codeStartedAt - (lines[0] as {time: number}).time;
		expect(closing.startupMs).toBeGreaterThanOrEqual(sinceFirstLine - 1);
		expect(closing.startupMs).toBeLessThan(sinceFirstLine + 1000);
		expect(sink.lines.map(line => line.msg)).toEqual(['start', 'plain console line', 'a warning on stderr', 'no newline at the end']);
	});

	it('runs a default class with execute(), an object with execute(), and a CommonJS default-of-default', async () => {
		const {root, executor} = executorIn(jobs);
		const results = await Promise.all(['class-job.ts', 'object-job.ts', 'cjs-job.cjs'].map(async file => executor.start(specFor(root.dir, moduleTarget(path.join(root.dir, 'jobs', file))), recordingSink().sink).done));
		expect(results).toEqual([
			{status: 'success', result: {kind: 'class', id: 'test_job'}},
			{status: 'success', result: {kind: 'object', id: 'test_job'}},
			{status: 'success', result: {kind: 'cjs', id: 'test_job'}},
		]);
	});

	it('a job that throws or rejects fails with its error type, message, stack and cause', async () => {
		const {root, executor} = executorIn(jobs);
		const run = async (file: string) => executor.start(specFor(root.dir, moduleTarget(path.join(root.dir, 'jobs', file))), recordingSink().sink).done;
		const thrown = await run('throws.ts');
		expect(thrown).toMatchObject({status: 'failed', error: {type: 'DataFeedError', message: 'feed returned 502 for 600519.SH'}});
		expect(thrown.status === 'failed' && thrown.error.stack).toMatch(/throws\.ts[\s\S]*Caused by: Error: socket hang up/);
		expect(await run('rejects.ts')).toMatchObject({status: 'failed', error: {type: 'RangeError', message: 'bad range'}});
		expect(await run('throws-string.ts')).toMatchObject({status: 'failed', error: {type: 'string', message: 'a non-Error value was thrown: plain text'}});
		expect(await run('throws-object.ts')).toMatchObject({status: 'failed', error: {type: 'object', message: 'a non-Error value was thrown: {"code":42,"msg":"object thrown"}'}});
		expect(await run('syntax-error.ts')).toMatchObject({status: 'failed', error: {type: expect.stringMatching(/Error/) as string}});
		expect(await run('no-export.ts')).toMatchObject({status: 'failed', error: {type: 'TypeError', message: expect.stringContaining('export default a function') as string}});
		expect(await run('missing-file.ts')).toMatchObject({status: 'failed', error: {message: expect.stringContaining('missing-file.ts') as string}});
	});

	it('a job calling process.exit fails as ProcessExit, and the executor keeps running jobs', async () => {
		const {root, executor} = executorIn(jobs);
		const spec = specFor(root.dir, moduleTarget(path.join(root.dir, 'jobs/exits.ts')));
		expect(await executor.start(spec, recordingSink().sink).done).toMatchObject({status: 'failed', error: {type: 'ProcessExit', message: expect.stringContaining('process.exit(3)') as string}});
		expect(logLines(spec.logPath).at(-1)).toMatchObject({msg: 'run failed', errorType: 'ProcessExit'});
		expect(await executor.start(specFor(root.dir, moduleTarget(path.join(root.dir, 'jobs/class-job.ts'))), recordingSink().sink).done).toMatchObject({status: 'success'});
	});

	it('a job cannot signal the process it shares with the scheduler: process.kill of its own pid or group throws in the job', async () => {
		const {root, executor} = executorIn(jobs);
		const caught = await executor.start(specFor(root.dir, moduleTarget(path.join(root.dir, 'jobs/kills-self.ts'))), recordingSink().sink).done;
		expect(caught).toEqual({status: 'success', result: {tried: ['OwnProcessSignal', 'OwnProcessSignal', 'OwnProcessSignal', 'OwnProcessSignal', 'abort: ERR_WORKER_UNSUPPORTED_OPERATION', 'true']}});
		const uncaught = await executor.start(specFor(root.dir, moduleTarget(path.join(root.dir, 'jobs/kills-self.ts')), {params: {uncaught: true}}), recordingSink().sink).done;
		expect(uncaught).toMatchObject({status: 'failed', error: {type: 'OwnProcessSignal', message: expect.stringContaining(`process.kill(${process.pid}, 15)`) as string}});
		// This test's own process got no signal: it is still here to check.
	});

	it('a job that spins the CPU is terminated after the grace and ends as timeout', async () => {
		const {root, executor} = executorIn(jobs, {cancelGraceMs: 300});
		const spec = specFor(root.dir, moduleTarget(path.join(root.dir, 'jobs/spin.ts')), {timeoutMs: 1500});
		const sink = recordingSink();
		const handle = executor.start(spec, sink.sink);
		await waitFor(() => sink.started.length > 0);
		handle.cancel('timeout');
		expect(await handle.done).toEqual({status: 'timeout', error: {type: 'Timeout', message: 'timed out after 1.5s'}});
		const lines = logLines(spec.logPath);
		expect(lines.map(line => line.msg)).toContain('the job did not return within the 300ms grace after it was asked to stop; its worker was terminated');
		expect(lines.at(-1)).toMatchObject({msg: 'run timeout', errorType: 'Timeout'});
	});

	it('a job that ignores its signal is cancelled after the grace; one that listens returns and is cancelled at once', async () => {
		const {root, executor} = executorIn(jobs, {cancelGraceMs: 300});
		const ignoring = specFor(root.dir, moduleTarget(path.join(root.dir, 'jobs/ignores-signal.ts')));
		const listening = specFor(root.dir, moduleTarget(path.join(root.dir, 'jobs/stops-when-asked.ts')));
		const sinks = [recordingSink(), recordingSink()];
		const handles = [executor.start(ignoring, sinks[0]!.sink), executor.start(listening, sinks[1]!.sink)];
		await waitFor(() => sinks[1]!.progress.length > 0 && sinks[0]!.started.length > 0);
		for (const handle of handles) {
			handle.cancel('cancel');
		}

		const [ignored, listened] = await Promise.all(handles.map(async handle => handle.done));
		expect(ignored).toEqual({status: 'cancelled', error: {type: 'Cancelled', message: 'cancelled by the operator'}});
		expect(listened).toEqual({status: 'cancelled', error: {type: 'Cancelled', message: 'cancelled by the operator'}});
		expect(logLines(listening.logPath).map(line => line.msg)).not.toContain('the job did not return within the 300ms grace after it was asked to stop; its worker was terminated');
	});

	it('a run over its max memory fails as OutOfMemory', async () => {
		const {root, executor} = executorIn(jobs);
		const outcome = await executor.start(specFor(root.dir, moduleTarget(path.join(root.dir, 'jobs/hog.ts')), {maxMemoryMb: 48}), recordingSink().sink).done;
		expect(outcome).toMatchObject({status: 'failed', error: {type: 'OutOfMemory', message: 'the run went over its memory limit (max_memory 48 MiB)'}});
	});

	it('a result and progress that JSON cannot hold arrive normalised; the run stays a success and notes what changed', async () => {
		const {root, executor} = executorIn(jobs);
		const sink = recordingSink();
		const spec = specFor(root.dir, moduleTarget(path.join(root.dir, 'jobs/odd-result.ts')));
		const outcome = await executor.start(spec, sink.sink).done;
		expect(outcome.status).toBe('success');
		const {result, notes} = outcome as {result: Record<string, unknown>; notes: string[]};
		expect(result).toEqual({
			bare: {symbol: '600519.SH'}, loop: {name: 'loop', self: '[Circular]'}, total: '12345678901234567890', at: '2026-12-03T00:00:00.000Z',
			bad: '[toJSON threw: Error: toJSON broke]', map: {a: 1}, set: [1, 2], nan: null,
		});
		expect(notes).toEqual(expect.arrayContaining(['result.loop.self: circular reference replaced by "[Circular]"', 'result.total: BigInt kept as a string', 'result.fn: function dropped', 'result.sym: symbol dropped', 'result.bad: toJSON() threw, replaced by a marker']));
		expect(JSON.stringify(outcome)).not.toContain('secret source');
		expect(sink.progress.every(({fraction}) => fraction === undefined || (fraction >= 0 && fraction <= 1))).toBe(true);
		expect(sink.progress.every(({message}) => message === undefined || (typeof message === 'string' && message.length <= 500))).toBe(true);
		expect(logLines(spec.logPath).at(-1)).toMatchObject({msg: 'run success', notes: expect.arrayContaining(['result.total: BigInt kept as a string']) as string[]});
	});
});
