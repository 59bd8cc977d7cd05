/**
 * The set-up of the tests of a retry queued for a free slot when the scheduler stops: one slot
 * (`max_parallel: 1`), flaky fails as run 1, long (run 2) takes the slot, and flaky's attempt 2 (run 3)
 * comes due and waits in the queue. `shutdown: cancel`, so a stop does not wait for long. Alerts go to
 * a local WeCom robot (alert-robot-root.ts).
 */
import {expect} from 'vitest';
import type {RobotServer} from './robot-servers.js';
import {runCli, schedulerStarted, type HeadlessProcesses} from './run-cli.js';
import {waitFor} from './wait-for.js';

export const queuedRetryJobsYaml = `max_parallel: 1
shutdown: cancel
jobs:
  - {id: flaky, trigger: manual, retries: 1, retry_backoff: 2s, command: ["sh", "-c", "exit 3"]}
  - {id: long, trigger: manual, command: ["sleep", "60"]}
  - {id: other, trigger: manual, command: ["true"]}
`;

export type HistoryRow = {id: number; job_id: string; trigger: string; attempt: number; status: string; message: string | null; error_message: string | null};

type AlertRoot = (jobsYaml: string) => Promise<{root: string; robot: RobotServer}>;

/** A running scheduler with flaky's attempt 2 queued behind long, and what the test reads it with. */
export async function retryQueued(processes: HeadlessProcesses, alertRoot: AlertRoot) {
	const {root, robot} = await alertRoot(queuedRetryJobsYaml);
	const cli = (...args: string[]) => runCli([...args, '--root', root]);
	const history = () => (JSON.parse(cli('history', '--json').stdout) as HistoryRow[]).sort((a, b) => a.id - b.id);
	const first = processes.start(root);
	await schedulerStarted(first);
	expect(cli('run', 'flaky', '--detach').stdout.trim()).toBe('1');
	expect(cli('run', 'long', '--detach').stdout.trim()).toBe('2');
	await waitFor(() => history().some(row => row.id === 3), 30_000, 'run 1 to fail and its attempt 2 to come due');
	expect(history().map(row => [row.id, row.job_id, row.trigger, row.attempt, row.status])).toEqual([[1, 'flaky', 'manual', 1, 'failed'], [2, 'long', 'manual', 1, 'running'], [3, 'flaky', 'retry', 2, 'queued']]);
	return {root, robot, cli, history, first};
}
