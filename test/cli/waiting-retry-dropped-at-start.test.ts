/**
 * A next attempt kept across a restart (see waiting-retry-survives-restart.test.ts) is not run when its
 * job was removed from jobs.yaml, disabled or paused there while the scheduler was down: the start says
 * so, as a reload or `pause JOB` says it of a retry dropped while the scheduler runs. One of a run the
 * operator started by hand while the job was paused keeps waiting, as it does without a restart.
 * Built binaries, real headless schedulers, a real SQLite file.
 */
import {expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';
import {waitingRetryRows} from '../helpers/waiting-retry-rows.js';
import {failing, retriesKeptThenJobsEdited} from './kept-retries-jobs-edited.js';

const processes = trackHeadlessProcesses();

type StatusJob = {id: string; retry?: {after: number; attempt: number; of: number}};

it('does not run a kept retry of a job removed, disabled or paused while the scheduler was down, and says so', async () => {
	const {root, cli} = await retriesKeptThenJobsEdited(processes);
	const second = processes.start(root.dir);
	await schedulerStarted(second);
	const {stdout} = second.output();
	expect(stdout).toContain('gone: attempt 2 not run: the job was removed from the config while it waited for its backoff after run 1');
	expect(stdout).toContain('off: attempt 2 not run: off was disabled (enabled: false) while it waited for its backoff after run 2 (sage-console retry 2 asks for it)');
	expect(stdout).toContain('held: attempt 2 not run: held was paused while it waited for its backoff after run 3 (sage-console retry 3 asks for it)');
	expect(stdout).toMatch(/byhand: attempt 2 of 2 after run 4, kept across the restart, in \d+ s/);

	const jobs = (JSON.parse(cli('status', '--json').stdout) as {jobs: StatusJob[]}).jobs;
	expect(jobs.filter(job => job.retry).map(job => [job.id, job.retry])).toEqual([['byhand', expect.objectContaining({after: 4, attempt: 2, of: 2})]]);
	await waitFor(() => waitingRetryRows(root.dir).length === 1, 30_000, 'the dropped retries to leave the database');
	expect(waitingRetryRows(root.dir).map(row => row.run_id)).toEqual([4]);
}, 120_000);

it('does not run a kept retry of a run asked for with a secret param, whose value history does not keep, and names it', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': `jobs:\n  - {id: check, ${failing}}\n`});
	const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);
	const first = processes.start(root.dir);
	await schedulerStarted(first);
	expect(cli('run', 'check', '--detach', '--param', 'api_token=s3cret').stdout.trim()).toBe('1');
	await waitFor(() => (JSON.parse(cli('status', '--json').stdout) as {jobs: StatusJob[]}).jobs[0]?.retry, 30_000, 'run 1 to fail and its retry to wait');
	first.child.kill('SIGTERM');
	expect(await first.exited).toBe(0);

	const second = processes.start(root.dir);
	await schedulerStarted(second);
	expect(second.output().stdout).toContain('check: attempt 2 not run: run 1 was asked for with the secret param api_token, whose value history does not keep across a restart: run check --param api_token=… again instead');
	expect(second.output().stdout).not.toContain('s3cret');
	expect(cli('status').stdout).not.toContain('RETRY AT');
	await waitFor(() => waitingRetryRows(root.dir).length === 0, 30_000, 'the dropped retry to leave the database');
}, 120_000);

it('a kept retry cancelled after the restart does not come back at the next one', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': `jobs:\n  - {id: flaky, ${failing}}\n`});
	const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);
	const retryOf = () => (JSON.parse(cli('status', '--json').stdout) as {jobs: StatusJob[]}).jobs[0]?.retry;
	const first = processes.start(root.dir);
	await schedulerStarted(first);
	expect(cli('run', 'flaky', '--detach').stdout.trim()).toBe('1');
	await waitFor(() => retryOf(), 30_000, 'run 1 to fail and its retry to wait');
	first.child.kill('SIGTERM');
	expect(await first.exited).toBe(0);

	const second = processes.start(root.dir);
	await schedulerStarted(second);
	expect(retryOf()).toMatchObject({after: 1, attempt: 2});
	const cancelled = cli('cancel', '1');
	expect(cancelled.stdout).toContain('run 1 had ended: its attempt 2, waiting for its backoff after run 1, will not run');
	expect(retryOf()).toBeUndefined();
	// Its row leaves the database a moment after cancel answers (history writes are batched).
	await waitFor(() => waitingRetryRows(root.dir).length === 0, 30_000, 'the cancelled retry to leave the database');

	// Killed once it is gone from the database: the cancel holds.
	second.child.kill('SIGKILL');
	await second.exited;
	const third = processes.start(root.dir);
	await schedulerStarted(third);
	expect(retryOf()).toBeUndefined();
	expect(third.output().stdout).not.toContain('kept across the restart');
}, 120_000);
