/**
 * A failed run's next attempt that came due while every slot was taken (`max_parallel: 1`, another job
 * running) waits in the queue. A stop (SIGTERM) then cancels it, never started, but keeps it for the next
 * start as the waiting retry of the run it follows, in the same commit, and the stop's log says so; the
 * next start runs it at once as attempt 2 (a kept retry whose time passed while the scheduler was
 * down), and the failure chain ends with its alert. It was cancelled and lost: no attempt 2 ever ran,
 * and run 1's failure, whose alert waited for it, was never alerted. A queued run that is no retry is
 * not kept, nor a queued retry the operator cancelled. Built binaries, real headless schedulers, a real
 * SQLite file, a local WeCom robot.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import {expect, it} from 'vitest';
import {alertRobotRoots, robotMessages} from '../helpers/alert-robot-root.js';
import {retryQueued as queuedRetry} from '../helpers/queued-retry.js';
import {schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';
import {waitingRetryRows} from '../helpers/waiting-retry-rows.js';

const processes = trackHeadlessProcesses();
const alertRoot = alertRobotRoots(processes);

/** Each run's id and the run it is the next attempt of (`runs.retry_of`), as sqlite3 shows them. */
function retryOfRows(root: string): Array<{id: number; retry_of: number | null}> {
	const db = new Database(path.join(root, 'data/sage.db'), {readonly: true});
	try {
		return db.prepare('SELECT id, retry_of FROM runs ORDER BY id').all() as Array<{id: number; retry_of: number | null}>;
	} finally {
		db.close();
	}
}

const retryQueued = async () => queuedRetry(processes, alertRoot);

const failureAlerts = (robot: Awaited<ReturnType<typeof retryQueued>>['robot']) => robotMessages(robot).filter(text => text.startsWith('### ❌ flaky failed'));

it('a retry queued for a slot when the scheduler stops is kept, and the next start runs it as attempt 2; the failure is alerted then', async () => {
	const {root, robot, cli, history, first} = await retryQueued();
	// A queued run that is no retry is cancelled by the stop as before, and not kept.
	expect(cli('run', 'other', '--detach').stdout.trim()).toBe('4');
	// Run 1's failure is not final yet: its alert waits for attempt 2.
	expect(failureAlerts(robot)).toEqual([]);

	first.child.kill('SIGTERM');
	expect(await first.exited).toBe(0);
	expect(first.output().stdout).toContain('flaky: attempt 2 of 2 is kept for the next start: the scheduler stopped while it was queued as run 3 after run 1; it runs at once after the next start');
	expect(waitingRetryRows(root).map(row => [row.run_id, row.job_id, row.attempt, row.attempts])).toEqual([[1, 'flaky', 2, 2]]);
	const stopped = history();
	expect(stopped.map(row => [row.id, row.status, row.error_message])).toEqual([
		[1, 'failed', expect.any(String)],
		[2, 'cancelled', 'cancelled: the scheduler stopped'],
		[3, 'cancelled', 'not started: the scheduler stopped; kept for the next start as attempt 2 after run 1'],
		[4, 'cancelled', 'not started: the scheduler stopped'],
	]);
	// With no scheduler, show tells of the kept attempt as of any kept retry.
	expect(cli('show', '1').stdout).toMatch(/retry +attempt 2 of 2 at .*kept while no scheduler runs: it runs after the scheduler starts \(at once if its time has passed by then\); sage-console cancel 1 drops it/);

	const second = processes.start(root);
	await schedulerStarted(second);
	expect(second.output().stdout).toContain('flaky: attempt 2 of 2 after run 1, kept across the restart, fell due while the scheduler was down: runs now');
	await waitFor(() => history().some(row => row.id === 5 && row.status === 'failed'), 30_000, 'attempt 2 to run and fail');
	const after = history();
	expect(after.map(row => [row.id, row.job_id, row.trigger, row.attempt, row.status])).toEqual([
		[1, 'flaky', 'manual', 1, 'failed'],
		[2, 'long', 'manual', 1, 'cancelled'],
		[3, 'flaky', 'retry', 2, 'cancelled'],
		[4, 'other', 'manual', 1, 'cancelled'],
		[5, 'flaky', 'retry', 2, 'failed'],
	]);
	expect(after[4]!.error_message).toBe(after[0]!.error_message);
	expect(after[4]!.error_message).toContain('3');
	// The chain stays followable: runs 3 and 5 both name run 1.
	expect(retryOfRows(root)).toEqual([{id: 1, retry_of: null}, {id: 2, retry_of: null}, {id: 3, retry_of: 1}, {id: 4, retry_of: null}, {id: 5, retry_of: 1}]);
	expect(waitingRetryRows(root)).toEqual([]);
	// The last attempt failed: the failure is final, and alerted once.
	await waitFor(() => failureAlerts(robot).length === 1, 30_000, 'the failure alert');

	// Started again: nothing is left to run a second time.
	second.child.kill('SIGTERM');
	expect(await second.exited).toBe(0);
	const third = processes.start(root);
	await schedulerStarted(third);
	expect(cli('run', 'other', '--detach').stdout.trim()).toBe('6');
	await waitFor(() => history().some(row => row.id === 6 && row.status === 'success'), 30_000, 'the marker run to succeed');
	expect(history().map(row => row.id)).toEqual([1, 2, 3, 4, 5, 6]);
	expect(third.output().stdout).not.toContain('kept across the restart');
	expect(failureAlerts(robot)).toHaveLength(1);
}, 180_000);

it('a queued retry the operator cancelled is not kept at the stop, and the next start does not run it', async () => {
	const {root, cli, history, first} = await retryQueued();
	expect(cli('cancel', '3').code).toBe(0);
	await waitFor(() => history()[2]!.status === 'cancelled', 30_000, 'run 3 to be cancelled');

	first.child.kill('SIGTERM');
	expect(await first.exited).toBe(0);
	expect(first.output().stdout).not.toContain('is kept for the next start');
	expect(waitingRetryRows(root)).toEqual([]);
	expect(history()[2]!.error_message).toBe('cancelled before it started');

	const second = processes.start(root);
	await schedulerStarted(second);
	expect(cli('run', 'other', '--detach').stdout.trim()).toBe('4');
	await waitFor(() => history().some(row => row.id === 4 && row.status === 'success'), 30_000, 'the marker run to succeed');
	expect(history().map(row => [row.id, row.job_id, row.status])).toEqual([[1, 'flaky', 'failed'], [2, 'long', 'cancelled'], [3, 'flaky', 'cancelled'], [4, 'other', 'success']]);
	expect(second.output().stdout).not.toContain('kept across the restart');
}, 120_000);

it('offline cancel of run 1 drops the attempt kept when its queued retry was stopped', async () => {
	const {root, cli, history, first} = await retryQueued();
	first.child.kill('SIGTERM');
	expect(await first.exited).toBe(0);
	expect(waitingRetryRows(root)).toHaveLength(1);

	expect(cli('cancel', '1')).toMatchObject({code: 0, stderr: '', stdout: 'attempt 2 of flaky will not run: dropped while no scheduler runs (kept for the next start after run 1)\n'});
	expect(waitingRetryRows(root)).toEqual([]);

	const second = processes.start(root);
	await schedulerStarted(second);
	expect(cli('run', 'other', '--detach').stdout.trim()).toBe('4');
	await waitFor(() => history().some(row => row.id === 4 && row.status === 'success'), 30_000, 'the marker run to succeed');
	expect(history().map(row => [row.id, row.status])).toEqual([[1, 'failed'], [2, 'cancelled'], [3, 'cancelled'], [4, 'success']]);
	expect(second.output().stdout).not.toContain('kept across the restart');
}, 120_000);
