/**
 * `cancel RUN` of a failed run whose next attempt waits for its backoff drops that attempt, saying so:
 * it answered `not cancelled: run 1 has ended (failed)` (exit 1) and the retry ran anyway, so an operator
 * who saw a job failing against a broken feed had no way to stop its retries short of a restart.
 * Built binaries, a real headless scheduler.
 */
import {expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

const jobsYaml = `jobs:
  - id: flaky
    trigger: manual
    retries: 2
    retry_backoff: 3s
    command: ["sh", "-c", "exit 3"]
`;

type Row = {id: number; status: string; attempt: number};

it('drops the retry still waiting for its backoff of a run that failed, and the log and history say so', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
	const headless = processes.start(root.dir);
	await schedulerStarted(headless);
	const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);
	const history = () => JSON.parse(cli('history', '--job', 'flaky', '--json').stdout) as Row[];

	expect(cli('run', 'flaky', '--detach').stdout.trim()).toBe('1');
	await waitFor(() => headless.output().stdout.includes('flaky: attempt 2 of 3 in 3 s'), 30_000, 'run 1 to fail and its retry to wait');

	const cancel = cli('cancel', '1');
	expect(cancel).toMatchObject({code: 0, stderr: '', stdout: 'run 1 had ended: its attempt 2, waiting for its backoff after run 1, will not run\n'});
	await waitFor(() => headless.output().stdout.includes('flaky: attempt 2 not run: cancelled while it waited for its backoff after run 1'), 30_000, 'the scheduler\'s log to say attempt 2 will not run');

	// Well past the 3 s backoff, run 1 is still the job's only run.
	await new Promise(resolve => {
		setTimeout(resolve, 5000);
	});
	expect(history().map(row => [row.id, row.status, row.attempt])).toEqual([[1, 'failed', 1]]);
	expect(cli('cancel', '1')).toMatchObject({code: 1, stderr: 'not cancelled: run 1 has ended (failed)\n'});
}, 90_000);
