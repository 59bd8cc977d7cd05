/**
 * The set-up of the tests of a retry queued for a free slot when the scheduler stops: one slot
 * (`max_parallel: 1`), flaky fails as run 1, long (run 2) takes the slot, and flaky's attempt 2 (run 3)
 * comes due and waits in the queue. `shutdown: cancel`, so a stop does not wait for long. Alerts go to
 * a local WeCom robot (alert-robot-root.ts).
 */
import {expect} from 'vitest';
import {readRuns} from './history-file.js';
import type {RobotServer} from './robot-servers.js';
import {runCli, schedulerStarted, type HeadlessProcesses} from './run-cli.js';
import {waitFor} from './wait-for.js';

/** flaky's backoff: long must be asked for before it ends (see retryQueued). */
export const queuedRetryJobsYaml = (backoffMs = 2000) => `max_parallel: 1
shutdown: cancel
jobs:
  - {id: flaky, trigger: manual, retries: 1, retry_backoff: ${backoffMs / 1000}s, command: ["sh", "-c", "exit 3"]}
  - {id: long, trigger: manual, command: ["sleep", "60"]}
  - {id: other, trigger: manual, command: ["true"]}
`;

export type HistoryRow = {id: number; job_id: string; trigger: string; attempt: number; status: string; message: string | null; error_message: string | null};

type AlertRoot = (jobsYaml: string) => Promise<{root: string; robot: RobotServer}>;

/**
 * A running scheduler with flaky's attempt 2 queued behind long, and what the test reads it with. long
 * must be asked for within flaky's backoff: on a box too slow for that (a CLI call of seconds), the
 * attempt came first and took the slot, so the set-up is made again on a new root with a longer backoff.
 */
export async function retryQueued(processes: HeadlessProcesses, alertRoot: AlertRoot) {
	for (const backoffMs of [2000, 6000, 15_000]) {
		const {root, robot} = await alertRoot(queuedRetryJobsYaml(backoffMs));
		const cli = (...args: string[]) => runCli([...args, '--root', root]);
		const history = () => (JSON.parse(cli('history', '--json').stdout) as HistoryRow[]).sort((a, b) => a.id - b.id);
		const first = processes.start(root);
		await schedulerStarted(first);
		expect(cli('run', 'flaky', '--detach').stdout.trim()).toBe('1');
		if (cli('run', 'long', '--detach').stdout.trim() !== '2') {
			processes.killAll();
			continue;
		}

		// Waited on in the database itself (a CLI call a look would take a core for the whole backoff); history --json is what is checked.
		await waitFor(() => readRuns(root).some(row => row.id === 3), 30_000, 'run 1 to fail and its attempt 2 to come due');
		expect(history().map(row => [row.id, row.job_id, row.trigger, row.attempt, row.status])).toEqual([[1, 'flaky', 'manual', 1, 'failed'], [2, 'long', 'manual', 1, 'running'], [3, 'flaky', 'retry', 2, 'queued']]);
		return {root, robot, cli, history, first};
	}

	throw new Error('long was never asked for within flaky\'s backoff, even 15 s');
}
