/**
 * A failed run's next attempt waiting for its backoff outlives the scheduler: stopped (SIGTERM: systemd's
 * stop or restart) or killed (kill -9, the OOM killer, a power cut) meanwhile, the next start waits out
 * the rest of the backoff, or runs it at once when it fell due while the scheduler was down, as attempt 2
 * with trigger `retry` and the params and trade date of the run it follows. `status` shows it as before
 * the restart. A retry that had already started is never run again. It was lost at every restart, so a
 * job with `retries:` that failed just before one simply stayed failed.
 * Built binaries, real headless schedulers, a real SQLite file. A backoff has to outlast the steps before
 * it ends (a stop, a start, status calls): each test tries a short one first, and a longer one, on a new
 * root, when the box was too slow for it (those steps ended after the retry's time).
 */
import {expect, it} from 'vitest';
import {readRuns} from '../helpers/history-file.js';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {shortLeadFirst} from '../helpers/short-lead.js';
import {waitFor} from '../helpers/wait-for.js';
import {waitingRetryRows} from '../helpers/waiting-retry-rows.js';

const processes = trackHeadlessProcesses();

/** Attempt 1 fails; attempt 2 succeeds, or (`hang`) runs until killed. */
function jobsYaml(backoff: string, second: 'succeed' | 'hang' = 'succeed'): string {
	const then = second === 'hang' ? 'exec sleep 120' : 'exit 0';
	return `timezone: Asia/Shanghai
jobs:
  - id: flaky
    trigger: manual
    retries: 1
    retry_backoff: ${backoff}
    command: ["sh", "-c", "echo asked={params.who}; if [ {attempt} -ge 2 ]; then ${then}; fi; exit 3"]
  - id: marker
    trigger: manual
    command: ["true"]
`;
}

type Row = {id: number; job_id: string; status: string; trigger: string; attempt: number; params: unknown; trade_date: string | null};
type StatusJob = {id: string; retry?: {after: number; attempt: number; of: number; at: string}};

function setUp(yaml: string) {
	const root = processes.makeRoot({'config/jobs.yaml': yaml});
	const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);
	const history = () => (JSON.parse(cli('history', '--json').stdout) as Row[]).sort((a, b) => a.id - b.id);
	// Waited on in the database itself: `history` is for what the operator reads once it is there.
	const runs = () => readRuns(root.dir);
	const retryOf = (jobId: string) => (JSON.parse(cli('status', '--json').stdout) as {jobs: StatusJob[]}).jobs.find(job => job.id === jobId)?.retry;
	const start = async () => {
		const headless = processes.start(root.dir);
		await schedulerStarted(headless);
		return headless;
	};

	return {root, cli, history, runs, retryOf, start};
}

/** Run 1 of flaky, asked for with who=ops, failed with attempt 2 waiting for its backoff. */
async function failFirst({cli, retryOf}: ReturnType<typeof setUp>) {
	expect(cli('run', 'flaky', '--detach', '--param', 'who=ops').stdout.trim()).toBe('1');
	return waitFor(() => retryOf('flaky'), 30_000, 'run 1 to fail and its retry to wait');
}

function expectRetried(history: Row[]): void {
	const [first, second] = history;
	expect(history.map(row => [row.id, row.job_id, row.trigger, row.attempt, row.status])).toEqual([[1, 'flaky', 'manual', 1, 'failed'], [2, 'flaky', 'retry', 2, 'success']]);
	expect(second!.params).toEqual({who: 'ops'});
	expect(second!.trade_date).toBe(first!.trade_date);
}

it('stopped (SIGTERM) while the retry waits: the next start shows it waiting as before and runs it as attempt 2', async () => {
	// Long enough that the restart and two status calls fit in it with 10 s or more left, as status gives
	// whole seconds from there (a start alone can take 10 s on a loaded box).
	await shortLeadFirst([20_000, 45_000], async backoffMs => {
		const setup = setUp(jobsYaml(`${backoffMs / 1000}s`));
		const {cli, history, runs, retryOf, start, root} = setup;
		const first = await start();
		const before = await failFirst(setup);

		first.child.kill('SIGTERM');
		const stopped = await first.exited;
		const second = await start();
		const retryAfter = retryOf('flaky');
		const statusText = cli('status').stdout;
		if (Date.now() >= Date.parse(before.at) - 10_000) {
			processes.killAll();
			return false;
		}

		expect(before).toMatchObject({after: 1, attempt: 2, of: 2});
		expect(stopped).toBe(0);
		expect(first.output().stdout).toContain('flaky: attempt 2 of 2 is kept for the next start: the scheduler stopped while it waited for its backoff after run 1; it runs after the next start (at once if its time has passed by then)');
		// Shown as before the restart: the same attempt, due at the same moment, in status and status --json.
		expect(retryAfter).toEqual(before);
		expect(statusText).toMatch(/RETRY AT +JOB +ATTEMPT +AFTER\n\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +flaky +attempt 2 of 2, in \d+s +run 1 · cancel 1 drops it, retry 1 runs it now\n/);
		expect(second.output().stdout).toMatch(/flaky: attempt 2 of 2 after run 1, kept across the restart, in \d+ s/);

		await waitFor(() => runs()[1]?.status === 'success', 90_000, 'attempt 2 to run and succeed');
		expectRetried(history());
		expect(waitingRetryRows(root.dir)).toEqual([]);
		expect(retryOf('flaky')).toBeUndefined();
		return true;
	});
}, 240_000);

it('killed (kill -9) while the retry waits: the next start runs it as attempt 2, once', async () => {
	// Long enough that the kill lands while it waits, not while attempt 2 runs.
	await shortLeadFirst([3000, 8000, 15_000], async backoffMs => {
		const setup = setUp(jobsYaml(`${backoffMs / 1000}s`));
		const {history, runs, start, root} = setup;
		const first = await start();
		const retry = await failFirst(setup);
		// Killed only once the database holds it: a kill before that commit loses it, as any write in flight.
		await waitFor(() => waitingRetryRows(root.dir).length === 1, 30_000, 'the waiting retry to be kept in the database');

		first.child.kill('SIGKILL');
		await first.exited;
		if (Date.now() >= Date.parse(retry.at)) {
			processes.killAll();
			return false;
		}

		const second = await start();
		await waitFor(() => runs()[1]?.status === 'success', 60_000, 'attempt 2 to run and succeed');
		expectRetried(history());
		expect(waitingRetryRows(root.dir)).toEqual([]);

		// Started again: nothing is left to run a second time.
		second.child.kill('SIGTERM');
		expect(await second.exited).toBe(0);
		const third = await start();
		expect(setup.cli('run', 'marker', '--detach').stdout.trim()).toBe('3');
		await waitFor(() => runs().some(row => row.id === 3 && row.status === 'success'), 30_000, 'the marker run to succeed');
		expect(history().map(row => row.id)).toEqual([1, 2, 3]);
		expect(third.output().stdout).not.toContain('kept across the restart');
		return true;
	});
}, 200_000);

it('due while the scheduler was down: the next start runs it at once', async () => {
	// Long enough that the stop lands before the backoff ends (status polls take seconds on a loaded box).
	await shortLeadFirst([3000, 8000, 15_000], async backoffMs => {
		const setup = setUp(jobsYaml(`${backoffMs / 1000}s`));
		const {history, runs, start} = setup;
		const first = await start();
		const retry = await failFirst(setup);

		first.child.kill('SIGTERM');
		const stopped = await first.exited;
		if (Date.now() >= Date.parse(retry.at)) {
			processes.killAll();
			return false;
		}

		expect(stopped).toBe(0);
		// Given: the scheduler is still down when the backoff ends.
		await waitFor(() => Date.now() > Date.parse(retry.at) + 500, 30_000, 'the backoff to end while no scheduler runs');
		expect(history().map(row => row.id)).toEqual([1]);

		const second = await start();
		expect(second.output().stdout).toContain('flaky: attempt 2 of 2 after run 1, kept across the restart, fell due while the scheduler was down: runs now');
		await waitFor(() => runs()[1]?.status === 'success', 60_000, 'attempt 2 to run and succeed');
		expectRetried(history());
		return true;
	});
}, 200_000);

it('killed (kill -9) while the retry runs: the next start does not run it again', async () => {
	const setup = setUp(jobsYaml('1s', 'hang'));
	const {cli, history, runs, start} = setup;
	const first = await start();
	expect(cli('run', 'flaky', '--detach').stdout.trim()).toBe('1');
	await waitFor(() => runs().some(row => row.id === 2 && row.status === 'running'), 30_000, 'attempt 2 to be running');

	first.child.kill('SIGKILL');
	await first.exited;
	const second = await start();
	expect(cli('run', 'marker', '--detach').stdout.trim()).toBe('3');
	await waitFor(() => runs().some(row => row.id === 3 && row.status === 'success'), 30_000, 'the marker run to succeed');
	expect(history().map(row => [row.id, row.trigger, row.attempt, row.status])).toEqual([[1, 'manual', 1, 'failed'], [2, 'retry', 2, 'interrupted'], [3, 'manual', 1, 'success']]);
	expect(second.output().stdout).not.toContain('kept across the restart');
}, 150_000);
