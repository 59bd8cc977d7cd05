/**
 * A failed run's next attempt that came due while every slot was taken waits in the queue; its job is
 * then paused. The pause cancels the queued attempt before it starts, as it drops an attempt still
 * waiting for its backoff, and run 1's failure is final: alerted then. The stop after it keeps nothing,
 * and the next start runs nothing of the paused job. Before, the queued attempt stayed in the queue (it
 * would have started as soon as the slot freed), and the stop kept it for the next start. Built
 * binaries, real headless schedulers, a real SQLite file, a local WeCom robot.
 */
import {expect, it} from 'vitest';
import {alertRobotRoots, robotMessages} from '../helpers/alert-robot-root.js';
import {retryQueued} from '../helpers/queued-retry.js';
import {schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';
import {waitingRetryRows} from '../helpers/waiting-retry-rows.js';

const processes = trackHeadlessProcesses();
const alertRoot = alertRobotRoots(processes);

it('pausing the job cancels its queued retry; its failure is alerted as final and the next start runs nothing of it', async () => {
	const {root, robot, cli, history, first} = await retryQueued(processes, alertRoot);

	// When: flaky is paused while attempt 2 waits for the slot.
	const paused = cli('pause', 'flaky');
	expect(paused.code).toBe(0);
	expect(paused.stdout).toBe('flaky paused\n  run 3 cancelled (it was waiting for a slot)\n');

	// Then: attempt 2 is cancelled before it started, saying why, and run 1's failure is final: alerted.
	await waitFor(() => history().find(row => row.id === 3 && row.status === 'cancelled'), 30_000, 'run 3 to be cancelled');
	expect(history().find(row => row.id === 3)?.message).toBe('cancelled before it started: flaky was paused');
	await waitFor(() => robotMessages(robot).some(text => text.startsWith('### ❌ flaky failed')), 30_000, 'run 1\'s failure alert');

	// And: the stop keeps no retry, and the next start runs nothing of flaky.
	first.child.kill('SIGTERM');
	expect(await first.exited).toBe(0);
	expect(waitingRetryRows(root)).toEqual([]);
	const second = processes.start(root);
	await schedulerStarted(second);
	expect(cli('run', 'other', '--detach').stdout.trim()).toBe('4');
	await waitFor(() => history().some(row => row.id === 4 && row.status === 'success'), 30_000, 'the marker run to succeed');
	expect(history().map(row => [row.id, row.job_id, row.status])).toEqual([[1, 'flaky', 'failed'], [2, 'long', 'cancelled'], [3, 'flaky', 'cancelled'], [4, 'other', 'success']]);
	expect(robotMessages(robot).filter(text => text.startsWith('### ❌ flaky failed'))).toHaveLength(1);
}, 120_000);
