/** Jobs and waits shared by the runs-on-workers tests. */
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import type {RunRecord} from '../../src/core/run-record.js';
import type {SchedulerHost} from '../../src/host/scheduler-host.js';
import {readRuns, type RunRow} from '../helpers/history-file.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';
import {waitFor} from '../helpers/wait-for.js';

export const remoteJobs = {
	/** Says where it ran (a line in data/ran.txt), logs and reports progress per step, returns what it saw. */
	'jobs/steps.ts': `import {appendFileSync, mkdirSync} from 'node:fs';
import path from 'node:path';
export default async function run(ctx: any) {
	mkdirSync(ctx.paths.data, {recursive: true});
	appendFileSync(path.join(ctx.paths.data, 'ran.txt'), ctx.jobId + ' ' + ctx.runId + ' ' + ctx.attempt + ' ' + process.pid + '\\n');
	const steps = Number(ctx.params.steps ?? 4);
	const ms = Number(ctx.attempt > 1 ? ctx.params.retryMs ?? ctx.params.ms ?? 50 : ctx.params.ms ?? 50);
	for (let i = 1; i <= steps; i++) {
		ctx.log.info({i}, 'step');
		ctx.progress(i / steps, 'step ' + i);
		await new Promise(r => setTimeout(r, ms));
		if (ctx.signal.aborted) return {aborted: true};
	}
	return {steps, params: ctx.params, tradeDate: ctx.tradeDate, attempt: ctx.attempt, pid: process.pid};
}
`,
	'jobs/sleep.ts': `export default async function run(ctx: any) {
	const ms = Number(ctx.params.ms ?? 500);
	await new Promise((resolve) => { const t = setTimeout(resolve, ms); ctx.signal.addEventListener('abort', () => { clearTimeout(t); resolve(undefined); }); });
	return {slept: ms};
}
`,
};

/** Lines of data/ran.txt: one per start of the steps job (`jobId runId attempt pid`). */
/** A root (the shared jobs) on Redis at `redisUrl` with one job for the workers, `remote_true` (`true`, manual). */
export function remoteTrueRoot(redisUrl: string): TempRoot {
	return makeTempRoot({...remoteJobs, 'config/jobs.yaml': `redis: ${redisUrl}\njobs:\n  - {id: remote_true, trigger: manual, command: ["true"], run_on: workers}\n`});
}

export function ranLines(root: string): string[][] {
	const file = path.join(root, 'data/ran.txt');
	return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(line => line !== '').map(line => line.split(' ')) : [];
}

export type WorkerRow = RunRow & {worker: string | null; attempt: number; result: string | null};

export function rowsOf(root: string, jobId: string): WorkerRow[] {
	return (readRuns(root) as WorkerRow[]).filter(row => row.job_id === jobId);
}

/** The run's record once it ended (the scheduler's own word), failing after `timeoutMs`. */
export async function finished(host: SchedulerHost, runId: number, timeoutMs = 30_000): Promise<RunRecord> {
	let timer: NodeJS.Timeout | undefined;
	const record = await Promise.race([
		host.scheduler.whenFinished(runId),
		new Promise<undefined>((_resolve, reject) => {
			timer = setTimeout(() => reject(new Error(`run ${runId} did not end within ${timeoutMs} ms: ${JSON.stringify(host.scheduler.getRun(runId))}`)), timeoutMs);
		}),
	]);
	clearTimeout(timer);
	await host.scheduler.historyWritten();
	return record!;
}

/** Waits until the live run shows which worker took it. */
export async function onWorker(host: SchedulerHost, runId: number, timeoutMs = 30_000): Promise<string> {
	return waitFor(() => host.scheduler.snapshot().live.find(run => run.runId === runId)?.worker, timeoutMs, `run ${runId} to be taken by a worker`);
}

/** Whether a process with this pid exists (a zombie counts as gone). */
export function processAlive(pid: number): boolean {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
	} catch {
		return false;
	}
}
