/**
 * Run 1 failed, its retry ran as run 2 and failed, and run 2's attempt 3 waits for its backoff, kept
 * across a restart. After the restart `retry 1` is refused as before it (it started attempt 2 again
 * beside the attempt 3 still waiting) and `cancel 1` drops run 2's attempt 3 as before it (it answered
 * that run 1 had ended and the attempt ran anyway): the retry's row names the run it follows.
 * Built binaries, real headless schedulers, a real SQLite file.
 */
import {expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';
import {waitingRetryRows} from '../helpers/waiting-retry-rows.js';

const processes = trackHeadlessProcesses();

const jobsYaml = 'jobs:\n  - {id: flaky, trigger: manual, retries: 2, retry_backoff: 10m, command: ["sh", "-c", "exit 3"]}\n';

type Row = {id: number; status: string; attempt: number};

it('retry and cancel of a run reach its retry\'s next attempt kept across a restart, as before the restart', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
	const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);
	const history = () => (JSON.parse(cli('history', '--job', 'flaky', '--json').stdout) as Row[]).map(row => [row.id, row.status, row.attempt]);
	const refused = 'not retried: run 1 is already being retried as run 2 (failed), whose attempt 3 waits for its backoff: retry run 2 to run it now\n';

	const first = processes.start(root.dir);
	await schedulerStarted(first);
	expect(cli('run', 'flaky', '--detach').stdout.trim()).toBe('1');
	await waitFor(() => waitingRetryRows(root.dir).length === 1, 30_000, 'run 1 to fail and its attempt 2 to wait');
	expect(cli('retry', '1').stdout).toBe('retrying as run 2 (flaky, attempt 2)\n');
	await waitFor(() => waitingRetryRows(root.dir).some(row => row.run_id === 2 && row.attempt === 3), 30_000, 'run 2 to fail and its attempt 3 to wait');
	// Before the restart: refused, naming run 2.
	expect(cli('retry', '1')).toMatchObject({code: 1, stdout: '', stderr: refused});
	first.child.kill('SIGTERM');
	expect(await first.exited).toBe(0);

	const second = processes.start(root.dir);
	await schedulerStarted(second);
	expect(second.output().stdout).toMatch(/flaky: attempt 3 of 3 after run 2, kept across the restart, in \d+ s/);
	expect(cli('retry', '1')).toMatchObject({code: 1, stdout: '', stderr: refused});
	expect(history()).toEqual([[2, 'failed', 2], [1, 'failed', 1]]);

	expect(cli('cancel', '1')).toMatchObject({code: 0, stderr: '', stdout: 'run 1 had ended: its attempt 3, waiting for its backoff after run 2, will not run\n'});
	await waitFor(() => second.output().stdout.includes('flaky: attempt 3 not run: cancelled while it waited for its backoff after run 2'), 30_000, 'the log to say attempt 3 will not run');
	// Its row leaves the database a moment after the log says so (history writes are batched).
	await waitFor(() => waitingRetryRows(root.dir).length === 0, 30_000, 'the cancelled attempt 3 to leave the database');
	expect((JSON.parse(cli('status', '--json').stdout) as {jobs: Array<{retry?: unknown}>}).jobs[0]?.retry).toBeUndefined();
}, 120_000);
