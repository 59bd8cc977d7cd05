/**
 * The processes a module job starts (child_process from inside the job, in its worker thread) carry
 * the run's mark, SAGE_RUN_ID and SAGE_RUN_LOG, as a command run's do: a cancel or a timeout ends
 * them, one that left with `setsid` and lost its parent included, and never a process without that
 * mark. The mark is in the worker's process.env only while the run goes: a worker whose run ended by
 * itself is reused, and its next run's children carry that run's mark.
 */
import {spawn} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it, onTestFinished} from 'vitest';
import {endLeftoverProcesses} from '../../src/executors/leftover-processes.js';
import {isStillRunning, readProcStat} from '../../src/executors/proc-stat.js';
import {commandRunMark, markVariables} from '../../src/executors/run-mark.js';
import {waitFor} from '../helpers/wait-for.js';
import {executorIn, logLines, moduleTarget, recordingSink, specFor} from './run-harness.js';

type Started = {pid: number; startTicks: number};

const jobs = {
	// A plain child (in the scheduler's process group) and a grandchild that left with setsid through a subshell that exits at once.
	'jobs/spawns.ts': `import {spawn} from 'node:child_process';
import {writeFileSync} from 'node:fs';
export default async function run(ctx: any) {
	const trap = ctx.params.ignoreTerm ? 'trap "" TERM; ' : '';
	spawn('sh', ['-c', \`(\${trap}setsid sh -c 'echo $$ > escaped; exec sleep 303' &)\`], {cwd: ctx.paths.root, stdio: 'ignore'});
	const child = spawn('sleep', ['304'], {stdio: 'ignore'});
	writeFileSync(ctx.paths.root + '/child', child.pid + '\\n');
	if (ctx.params.ignoreAbort) {
		await new Promise(() => {});
	}

	await new Promise(resolve => ctx.signal.addEventListener('abort', resolve));
}
`,
	'jobs/reports-mark.ts': `import {execFileSync} from 'node:child_process';
import {threadId} from 'node:worker_threads';
export default function run() {
	const child = execFileSync('sh', ['-c', 'echo "$SAGE_RUN_ID $SAGE_RUN_LOG"'], {encoding: 'utf8'}).trim();
	return {threadId, child};
}
`,
};

/** The pid a job wrote to `file`, once the process runs. */
async function startedFrom(file: string, check: (pid: number) => boolean = () => true): Promise<Started> {
	await waitFor(() => existsSync(file) && readFileSync(file, 'utf8').endsWith('\n'));
	const pid = Number(readFileSync(file, 'utf8'));
	await waitFor(() => check(pid), 20_000, `process ${pid} as the job left it`);
	const started = {pid, startTicks: readProcStat(pid)!.startTicks};
	onTestFinished(() => {
		if (isStillRunning(started.pid, started.startTicks)) {
			process.kill(started.pid, 'SIGKILL');
		}
	});
	return started;
}

/** The job's two processes: its plain child, and the one in a session of its own whose parent is gone. */
async function jobProcesses(root: string): Promise<{child: Started; escaped: Started}> {
	const child = await startedFrom(path.join(root, 'child'));
	const escaped = await startedFrom(path.join(root, 'escaped'), pid => {
		const stat = readProcStat(pid);
		return stat?.sid === pid && stat.ppid !== process.pid;
	});
	return {child, escaped};
}

/** A process of our own, like the job's but not started by it, that nothing may end. */
function bystander(): Started {
	const child = spawn('sleep', ['300'], {detached: true, stdio: 'ignore'});
	onTestFinished(() => {
		child.kill('SIGKILL');
	});
	return {pid: child.pid!, startTicks: readProcStat(child.pid!)!.startTicks};
}

const running = (started: Started) => isStillRunning(started.pid, started.startTicks);

describe('the processes a module job starts', () => {
	it('a cancel ends its child and a setsid grandchild whose parent had exited, and leaves other processes alone', async () => {
		const {root, executor} = executorIn(jobs);
		const sink = recordingSink();
		const other = bystander();
		const spec = specFor(root.dir, moduleTarget('jobs/spawns.ts'));
		const handle = executor.start(spec, sink.sink);
		const {child, escaped} = await jobProcesses(root.dir);
		expect(readFileSync(`/proc/${escaped.pid}/environ`, 'utf8').split('\0')).toEqual(expect.arrayContaining([`SAGE_RUN_ID=${spec.runId}`, `SAGE_RUN_LOG=${spec.logPath}`]));
		handle.cancel('cancel');
		expect(await handle.done).toMatchObject({status: 'cancelled'});
		expect({child: running(child), escaped: running(escaped), other: running(other)}).toEqual({child: false, escaped: false, other: true});
		expect(logLines(spec.logPath).map(line => line.msg)).toContain('cancelled: sent SIGTERM to 2 processes the job started');
		// The run is in this process: its identity is this process's, for the next start after a kill -9.
		expect(sink.started[0]!.process).toEqual({pid: process.pid, startTicks: readProcStat(process.pid)!.startTicks});
		expect(process.env.SAGE_RUN_ID).toBeUndefined();
	});

	it('a timeout of a job that ignores its signal kills a setsid grandchild that ignores SIGTERM, after the grace', async () => {
		const {root, executor} = executorIn(jobs, {cancelGraceMs: 300});
		const sink = recordingSink();
		const spec = specFor(root.dir, moduleTarget('jobs/spawns.ts'), {params: {ignoreTerm: true, ignoreAbort: true}, timeoutMs: 60_000});
		const handle = executor.start(spec, sink.sink);
		const {child, escaped} = await jobProcesses(root.dir);
		handle.cancel('timeout');
		expect(await handle.done).toMatchObject({status: 'timeout'});
		expect({child: running(child), escaped: running(escaped)}).toEqual({child: false, escaped: false});
		const said = logLines(spec.logPath).map(line => line.msg);
		expect(said).toContain('timed out: sent SIGTERM to 2 processes the job started');
		expect(said).toContain('killed 1 process the job started with SIGKILL, still running after the 300ms grace');
	});

	it('carries the mark only while its run goes: a run that ended by itself keeps its worker, whose next run\'s children carry that run\'s mark', async () => {
		const {root, executor} = executorIn(jobs);
		const runOf = async (runId: number) => {
			const spec = specFor(root.dir, moduleTarget('jobs/reports-mark.ts'), {runId});
			const outcome = await executor.start(spec, recordingSink().sink).done;
			expect(outcome).toMatchObject({status: 'success'});
			return {spec, result: (outcome as {result: {threadId: number; child: string}}).result};
		};

		const first = await runOf(9101);
		const second = await runOf(9102);
		expect(first.result.child).toBe(`9101 ${first.spec.logPath}`);
		expect(second.result).toEqual({threadId: first.result.threadId, child: `9102 ${second.spec.logPath}`});
	});

	it('a stop of the executor (the scheduler stopping) ends them too', async () => {
		const {root, executor} = executorIn(jobs);
		const spec = specFor(root.dir, moduleTarget('jobs/spawns.ts'));
		const handle = executor.start(spec, recordingSink().sink);
		const {child, escaped} = await jobProcesses(root.dir);
		await executor.close();
		expect(await handle.done).toMatchObject({status: 'cancelled'});
		expect({child: running(child), escaped: running(escaped)}).toEqual({child: false, escaped: false});
	});

	it('a left run whose recorded process is this very process (a host started again in it) ends what carries its mark, never this process\'s other children', async () => {
		const own = readProcStat(process.pid)!.startTicks;
		const mark = commandRunMark(9201, '/tmp/sage-test-left/logs/jobs/20261203_001.log');
		const spawnChild = (env: Record<string, string>) => {
			const child = spawn('sleep', ['305'], {stdio: 'ignore', env: {...process.env, ...env}});
			onTestFinished(() => {
				child.kill('SIGKILL');
			});
			return {pid: child.pid!, startTicks: readProcStat(child.pid!)!.startTicks};
		};

		const marked = spawnChild(markVariables(mark));
		const unmarked = spawnChild({});
		const [said] = await endLeftoverProcesses([{pid: process.pid, startTicks: own, mark}], {graceMs: 500});
		expect(said).toBe(`pid ${process.pid}: left alone (it is this scheduler's own process); ended 1 process its run started`);
		expect({marked: running(marked), unmarked: running(unmarked)}).toEqual({marked: false, unmarked: true});
	});
});
