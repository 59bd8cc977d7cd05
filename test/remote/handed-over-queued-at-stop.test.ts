/**
 * A run whose worker is killed with -9 mid-run is handed to another worker as its next attempt; that
 * attempt, queued for the one slot (`max_parallel: 1`, a local job took the slot the lost run freed) when
 * the scheduler stops (SIGTERM), is kept for the next start as the job's own queued retry is: linked to
 * the run it follows (`retry_of`), kept in `waiting_retries` in its cancelled row's commit, run at once
 * by the next start on the surviving worker, and its failure, the chain's last word, alerted once. It was
 * asked for unlinked and not kept: the stop lost it, the next start ran nothing, and the interrupted
 * run's failure, held back for that attempt, was never alerted. Real parts: a redis-server, two
 * `sage-console worker` processes (2 s BullMQ lock), headless schedulers, SQLite, a local WeCom robot.
 */
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {expect, it} from 'vitest';
import {alertRobotRoots, robotMessages} from '../helpers/alert-robot-root.js';
import {redisAndWorkersForFile} from '../helpers/redis-and-workers-for-file.js';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';
import {waitingRetryRows} from '../helpers/waiting-retry-rows.js';

const processes = trackHeadlessProcesses();
const alertRoot = alertRobotRoots(processes);
const {redis: redisServer, workers: workerProcesses} = redisAndWorkersForFile();

/** Attempt 1 runs until it is stopped (its worker is killed under it); attempt 2 fails at once. */
const handedJob = `export default async function run(ctx: any) {
	if (ctx.attempt > 1) throw new Error('attempt ' + ctx.attempt + ' failed too');
	while (!ctx.signal.aborted) await new Promise(r => setTimeout(r, 100));
	return {aborted: true};
}
`;

type Row = {id: number; job_id: string; trigger: string; attempt: number; status: string; worker: string | null; retry_of: number | null; error_message: string | null};

function rows(root: string): Row[] {
	const db = new Database(path.join(root, 'data/sage.db'), {readonly: true});
	try {
		db.pragma('busy_timeout = 5000');
		return db.prepare('SELECT id, job_id, trigger, attempt, status, worker, retry_of, error_message FROM runs ORDER BY id').all() as Row[];
	} finally {
		db.close();
	}
}

it('keeps a handed-over attempt queued at a stop for the next start, which runs it, and alerts the failure', async () => {
	const {root, robot} = await alertRoot(`redis: ${redisServer().url()}
max_parallel: 1
shutdown: cancel
jobs:
  - {id: handed, trigger: manual, module: jobs/handed.ts, run_on: workers, queue: heavy}
  - {id: long, trigger: manual, command: ["sleep", "60"]}
`);
	mkdirSync(path.join(root, 'jobs'), {recursive: true});
	writeFileSync(path.join(root, 'jobs/handed.ts'), handedJob);
	const workerArgs = ['--queues', 'heavy', '--lock-duration', '2s', '--stalled-interval', '1s'];
	const workers = [await workerProcesses.start(root, redisServer().url(), workerArgs), await workerProcesses.start(root, redisServer().url(), workerArgs)];
	const cli = (...args: string[]) => runCli([...args, '--root', root]);
	const failureAlerts = () => robotMessages(robot).filter(text => text.startsWith('### ❌ handed failed'));

	const first = processes.start(root);
	await schedulerStarted(first);
	expect(cli('run', 'handed', '--detach').stdout.trim()).toBe('1');
	const taken = await waitFor(() => rows(root).find(row => row.id === 1 && row.status === 'running' && row.worker !== null), 30_000, 'run 1 to start on a worker');
	expect(cli('run', 'long', '--detach').stdout.trim()).toBe('2');
	const victim = workers.find(worker => worker.name === taken.worker)!;
	const survivor = workers.find(worker => worker !== victim)!;
	victim.child.kill('SIGKILL');
	await victim.exited;

	// Run 1 ends interrupted, long takes the slot it freed, and attempt 2 waits for it.
	await waitFor(() => rows(root).some(row => row.id === 3), 60_000, 'run 1 to be handed over as run 3');
	expect(rows(root).map(row => [row.id, row.job_id, row.trigger, row.attempt, row.status, row.retry_of])).toEqual([
		[1, 'handed', 'manual', 1, 'interrupted', null],
		[2, 'long', 'manual', 1, 'running', null],
		[3, 'handed', 'retry', 2, 'queued', 1],
	]);
	expect(rows(root)[0]!.error_message).toContain('handed to another worker as attempt 2');
	expect(failureAlerts()).toEqual([]);

	first.child.kill('SIGTERM');
	expect(await first.exited).toBe(0);
	expect(first.output().stdout).toContain('handed: attempt 2 of 2 is kept for the next start: the scheduler stopped while it was queued as run 3 after run 1; it runs at once after the next start');
	expect(waitingRetryRows(root).map(row => [row.run_id, row.job_id, row.attempt, row.attempts])).toEqual([[1, 'handed', 2, 2]]);
	expect(rows(root)[2]!.error_message).toBe('not started: the scheduler stopped; kept for the next start as attempt 2 after run 1');
	// show of run 1 follows the chain to the kept attempt.
	expect(cli('show', '1').stdout).toMatch(/retry +attempt 2 of 2 at .*kept while no scheduler runs: it runs after the scheduler starts/);

	const second = processes.start(root);
	await schedulerStarted(second);
	expect(second.output().stdout).toContain('handed: attempt 2 of 2 after run 1, kept across the restart, fell due while the scheduler was down: runs now');
	await waitFor(() => rows(root).some(row => row.id === 4 && row.status === 'failed'), 60_000, 'attempt 2 to run and fail');
	expect(rows(root).map(row => [row.id, row.job_id, row.trigger, row.attempt, row.status, row.retry_of])).toEqual([
		[1, 'handed', 'manual', 1, 'interrupted', null],
		[2, 'long', 'manual', 1, 'cancelled', null],
		[3, 'handed', 'retry', 2, 'cancelled', 1],
		[4, 'handed', 'retry', 2, 'failed', 1],
	]);
	expect(rows(root)[3]!.worker).toBe(survivor.name);
	expect(rows(root)[3]!.error_message).toContain('attempt 2 failed too');
	expect(waitingRetryRows(root)).toEqual([]);
	// The chain's last attempt failed: its failure is final, and alerted once.
	await waitFor(() => failureAlerts().length === 1, 30_000, 'the failure alert');
	second.child.kill('SIGTERM');
	expect(await second.exited).toBe(0);
	expect(failureAlerts()).toHaveLength(1);
}, 240_000);
