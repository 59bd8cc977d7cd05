/**
 * An operator's `sage-console retry RUN` (the console's retry key asks the same) whose run still waits in
 * the queue for a free slot (`max_parallel: 1`, another job running) when the scheduler stops (SIGTERM):
 * - of a run whose failure was final (no attempt of the job's own to come): the stop cancels it, never
 *   started, and does not keep it, but now says so plainly, in its log and in the cancelled run's
 *   message, with how to ask for it again; nothing runs at the next start, and `retry 1` then works.
 *   Before, it was cancelled 'not started: the scheduler stopped' with nothing said, as if it would run.
 * - asked for while the job's own attempt 2 waited for its backoff (that attempt asked for early): it is
 *   kept for the next start as that attempt, as the waiting attempt it replaced would have been, and
 *   the next start runs it at once; run 1's failure, whose alert waited for attempt 2, is alerted once.
 *   Before, it was lost with the attempt it replaced, and run 1's failure was never alerted.
 * Built binaries, real headless schedulers, a real SQLite file, a local WeCom robot.
 */
import {expect, it} from 'vitest';
import {alertRobotRoots, robotMessages} from '../helpers/alert-robot-root.js';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';
import {waitingRetryRows} from '../helpers/waiting-retry-rows.js';

const processes = trackHeadlessProcesses();
const alertRoot = alertRobotRoots(processes);

/** One slot: the operator's retry waits while long holds it; `shutdown: cancel` so a stop does not wait for long. */
const jobsYaml = `max_parallel: 1
shutdown: cancel
jobs:
  - {id: solo, trigger: manual, command: ["sh", "-c", "exit 3"]}
  - {id: flaky, trigger: manual, retries: 1, retry_backoff: 10m, command: ["sh", "-c", "exit 3"]}
  - {id: long, trigger: manual, command: ["sleep", "60"]}
  - {id: other, trigger: manual, command: ["true"]}
`;

type Row = {id: number; job_id: string; trigger: string; attempt: number; status: string; error_message: string | null};

/** `jobId`'s run 1 failed, long (run 2) holds the slot, and the operator's `retry 1` (run 3) waits in the queue. */
async function operatorRetryQueued(jobId: string) {
	const {root, robot} = await alertRoot(jobsYaml);
	const cli = (...args: string[]) => runCli([...args, '--root', root]);
	const history = () => (JSON.parse(cli('history', '--json').stdout) as Row[]).sort((a, b) => a.id - b.id);
	const first = processes.start(root);
	await schedulerStarted(first);
	expect(cli('run', jobId, '--detach').stdout.trim()).toBe('1');
	await waitFor(() => history()[0]?.status === 'failed', 30_000, 'run 1 to fail');
	expect(cli('run', 'long', '--detach').stdout.trim()).toBe('2');
	await waitFor(() => history()[1]?.status === 'running', 30_000, 'long to take the slot');
	expect(cli('retry', '1')).toMatchObject({code: 0, stdout: `retrying as run 3 (${jobId}, attempt 2)\n`});
	expect(history().map(row => [row.id, row.job_id, row.trigger, row.attempt, row.status])).toEqual([[1, jobId, 'manual', 1, 'failed'], [2, 'long', 'manual', 1, 'running'], [3, jobId, 'retry', 2, 'queued']]);
	return {root, robot, cli, history, first};
}

const failureAlerts = (robot: Awaited<ReturnType<typeof operatorRetryQueued>>['robot'], jobId: string) => robotMessages(robot).filter(text => text.startsWith(`### ❌ ${jobId} failed`));

it('an operator\'s retry of a final failure queued at a stop is not kept, and the stop says so and how to ask again', async () => {
	const {root, cli, history, first} = await operatorRetryQueued('solo');

	first.child.kill('SIGTERM');
	expect(await first.exited).toBe(0);
	expect(first.output().stdout).toContain('solo: the retry of run 1 asked for by the operator (run 3, attempt 2) is not kept: the scheduler stopped while it was queued, and the next start will not run it; sage-console retry 1 asks for it again');
	expect(waitingRetryRows(root)).toEqual([]);
	expect(history()[2]).toMatchObject({id: 3, status: 'cancelled', error_message: 'not started: the scheduler stopped; the operator\'s retry of run 1 is not kept: sage-console retry 1 asks for it again'});

	// The next start runs nothing of it; asked again, as said, it runs.
	const second = processes.start(root);
	await schedulerStarted(second);
	expect(second.output().stdout).not.toContain('kept across the restart');
	expect(cli('retry', '1')).toMatchObject({code: 0, stdout: 'retrying as run 4 (solo, attempt 2)\n'});
	await waitFor(() => history().some(row => row.id === 4 && row.status === 'failed'), 30_000, 'the retry asked again to run and fail');
	expect(history().map(row => [row.id, row.job_id, row.trigger, row.status])).toEqual([[1, 'solo', 'manual', 'failed'], [2, 'long', 'manual', 'cancelled'], [3, 'solo', 'retry', 'cancelled'], [4, 'solo', 'retry', 'failed']]);
}, 120_000);

it('an operator\'s retry that asked early for the attempt waiting for its backoff is kept at a stop as that attempt, and the failure is alerted once it fails', async () => {
	const {root, robot, history, first} = await operatorRetryQueued('flaky');
	// Run 1's failure is not final: its alert waits for attempt 2.
	expect(failureAlerts(robot, 'flaky')).toEqual([]);

	first.child.kill('SIGTERM');
	expect(await first.exited).toBe(0);
	expect(first.output().stdout).toContain('flaky: attempt 2 of 2 is kept for the next start: the scheduler stopped while it was queued as run 3 after run 1; it runs at once after the next start');
	expect(waitingRetryRows(root).map(row => [row.run_id, row.job_id, row.attempt, row.attempts])).toEqual([[1, 'flaky', 2, 2]]);
	expect(history()[2]).toMatchObject({id: 3, status: 'cancelled', error_message: 'not started: the scheduler stopped; kept for the next start as attempt 2 after run 1'});

	const second = processes.start(root);
	await schedulerStarted(second);
	expect(second.output().stdout).toContain('flaky: attempt 2 of 2 after run 1, kept across the restart, fell due while the scheduler was down: runs now');
	await waitFor(() => history().some(row => row.id === 4 && row.status === 'failed'), 30_000, 'attempt 2 to run and fail');
	expect(history().map(row => [row.id, row.job_id, row.trigger, row.attempt, row.status])).toEqual([
		[1, 'flaky', 'manual', 1, 'failed'],
		[2, 'long', 'manual', 1, 'cancelled'],
		[3, 'flaky', 'retry', 2, 'cancelled'],
		[4, 'flaky', 'retry', 2, 'failed'],
	]);
	expect(waitingRetryRows(root)).toEqual([]);
	await waitFor(() => failureAlerts(robot, 'flaky').length === 1, 30_000, 'the failure alert');
}, 120_000);
