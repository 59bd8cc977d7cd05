/**
 * A failed run's next attempt waiting for its backoff is not run once a later run of the same job, for
 * the same trade date and with the same params, succeeded meanwhile (the operator's `run JOB`, the next
 * fire): it would only do that work again (a second order file, a duplicate report). The scheduler's
 * log says so, and it leaves waiting_retries and status. A later run with other params or for another
 * trade date (a backfill), or one that failed, leaves it waiting. Before, the retry ran the job again.
 * Built binaries, real headless schedulers, a real SQLite file.
 */
import {expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';
import {waitingRetryRows} from '../helpers/waiting-retry-rows.js';

const processes = trackHeadlessProcesses();

/** Fails until the file `ok` is in the root; a 10 minute backoff keeps every retry waiting through the test. */
const jobsYaml = `timezone: Asia/Shanghai
jobs:
  - id: sync
    trigger: manual
    retries: 2
    retry_backoff: 10m
    params: {who: desk}
    command: ["sh", "-c", "echo who={params.who}; if [ -f ok ]; then exit 0; fi; exit 3"]
`;

type Row = {id: number; status: string; trigger: string; trade_date: string | null};
type StatusJob = {id: string; retry?: {after: number; attempt: number}};

function setUp() {
	const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
	const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);
	const history = () => JSON.parse(cli('history', '--json').stdout) as Row[];
	const ended = (runId: number) => history().find(row => row.id === runId && row.status !== 'queued' && row.status !== 'running');
	const retryOf = () => (JSON.parse(cli('status', '--json').stdout) as {jobs: StatusJob[]}).jobs.find(job => job.id === 'sync')?.retry;
	const waitingAfter = () => waitingRetryRows(root.dir).map(row => row.run_id);
	const start = async () => {
		const headless = processes.start(root.dir);
		await schedulerStarted(headless);
		return headless;
	};

	/** Asks for a run of sync, waits for its end: the run's id. */
	const runSync = async (...args: string[]) => {
		const asked = cli('run', 'sync', '--detach', ...args);
		expect(asked.code, asked.stderr).toBe(0);
		const runId = Number(asked.stdout.trim().split('\n').at(-1));
		await waitFor(() => ended(runId), 30_000, `run ${runId} to end`);
		return runId;
	};

	return {root, cli, history, ended, retryOf, waitingAfter, start, runSync};
}

it('a later success of the same job, trade date and params drops the waiting retry; other params, another trade date or a later failure leave theirs', async () => {
	const {root, cli, ended, retryOf, waitingAfter, start, runSync} = setUp();
	const headless = await start();

	// Given: four failed runs, each with attempt 2 waiting for its backoff.
	expect(await runSync()).toBe(1);
	expect(await runSync('--param', 'who=ops')).toBe(2);
	expect(await runSync('--trade-date', '2026-06-01')).toBe(3);
	expect(await runSync()).toBe(4);
	await waitFor(() => waitingAfter().length === 4 && waitingAfter(), 30_000, 'the four retries to be kept');
	expect(waitingAfter()).toEqual([1, 2, 3, 4]);
	expect(ended(3)!.trade_date).toBe('2026-06-01');

	// When: a later run like runs 1 and 4 succeeds.
	root.write('ok', '');
	expect(await runSync()).toBe(5);
	expect(ended(5)!.status).toBe('success');

	// Then: runs 1's and 4's attempts 2 are not run, said; 2's (other params) and 3's (another trade date) still wait.
	await waitFor(() => headless.output().stdout.includes('run 5 of sync succeeded meanwhile (after run 4 failed)'), 30_000, 'the drop of run 4\'s retry to be said');
	const log = headless.output().stdout;
	expect(log).toContain('sync: attempt 2 not run: run 5 of sync succeeded meanwhile (after run 1 failed)');
	expect(log).toContain('sync: attempt 2 not run: run 5 of sync succeeded meanwhile (after run 4 failed)');
	expect(log).not.toMatch(/not run: run 5 of sync succeeded meanwhile \(after run [23] /);
	await waitFor(() => waitingAfter().length === 2, 30_000, 'the dropped retries to leave the database');
	expect(waitingAfter()).toEqual([2, 3]);
	expect(retryOf()).toMatchObject({attempt: 2});
	expect([2, 3]).toContain(retryOf()!.after);
	const status = cli('status').stdout;
	expect(status).toMatch(/RETRY AT/);
	expect(status).not.toMatch(/run [14] · cancel/);
}, 120_000);

it('a retry kept across a restart is dropped by a later success with the params its run was asked for', async () => {
	const {root, retryOf, waitingAfter, start, runSync} = setUp();
	const first = await start();
	expect(await runSync('--param', 'who=ops')).toBe(1);
	await waitFor(() => waitingAfter().length === 1, 30_000, 'the retry to be kept');
	first.child.kill('SIGTERM');
	expect(await first.exited).toBe(0);

	const second = await start();
	expect(second.output().stdout).toContain('sync: attempt 2 of 3 after run 1, kept across the restart');
	root.write('ok', '');
	// The job's own params (who=desk) are not what run 1 was asked for: its retry still waits.
	expect(await runSync()).toBe(2);
	expect(waitingAfter()).toEqual([1]);
	expect(await runSync('--param', 'who=ops')).toBe(3);
	await waitFor(() => second.output().stdout.includes('sync: attempt 2 not run: run 3 of sync succeeded meanwhile (after run 1 failed)'), 30_000, 'the drop to be said');
	expect(second.output().stdout).not.toContain('run 2 of sync succeeded meanwhile');
	await waitFor(() => waitingAfter().length === 0, 30_000, 'the dropped retry to leave the database');
	expect(retryOf()).toBeUndefined();
}, 120_000);
