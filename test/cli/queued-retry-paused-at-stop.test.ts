/**
 * A failed run's next attempt that came due while every slot was taken waits in the queue; its job is
 * then paused, and the scheduler stopped while the attempt still waits. The stop keeps the attempt for
 * the next start, as any queued retry of the job's own, but not as one armed while the job was paused
 * (whose run the operator started by hand: those keep their retries): the next start does not run it
 * while its job stays paused, says so, and alerts the failure as final, as it does for an attempt kept
 * while it waited for its backoff; `show` says the same before the start. Before, the stop kept it as
 * armed while paused, and the next start ran the paused job at once. Built binaries, real headless
 * schedulers, a real SQLite file, a local WeCom robot.
 */
import {expect, it} from 'vitest';
import {alertRobotRoots, robotMessages} from '../helpers/alert-robot-root.js';
import {retryQueued} from '../helpers/queued-retry.js';
import {schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';
import {waitingRetryRows} from '../helpers/waiting-retry-rows.js';

const processes = trackHeadlessProcesses();
const alertRoot = alertRobotRoots(processes);

it('a queued retry whose job was paused before the stop is not run by the next start while the job stays paused', async () => {
	const {root, robot, cli, history, first} = await retryQueued(processes, alertRoot);

	// When: flaky is paused, then the scheduler stops while attempt 2 still waits for the slot.
	expect(cli('pause', 'flaky').code).toBe(0);
	first.child.kill('SIGTERM');
	expect(await first.exited).toBe(0);
	expect(waitingRetryRows(root).map(row => [row.run_id, row.attempt])).toEqual([[1, 2]]);
	expect(cli('show', '1').stdout).toContain('but the next start will not run it: flaky was paused');

	// Then: the next start does not run it while flaky stays paused, and run 1's failure is final.
	const second = processes.start(root);
	await schedulerStarted(second);
	expect(second.output().stdout).toContain('flaky: attempt 2 not run: flaky was paused');
	expect(cli('run', 'other', '--detach').stdout.trim()).toBe('4');
	await waitFor(() => history().some(row => row.id === 4 && row.status === 'success'), 30_000, 'the marker run to succeed');
	expect(history().map(row => [row.id, row.job_id, row.status])).toEqual([[1, 'flaky', 'failed'], [2, 'long', 'cancelled'], [3, 'flaky', 'cancelled'], [4, 'other', 'success']]);
	expect(waitingRetryRows(root)).toEqual([]);
	await waitFor(() => robotMessages(robot).some(text => text.startsWith('### ❌ flaky failed')), 30_000, 'run 1\'s failure alert');
}, 120_000);
