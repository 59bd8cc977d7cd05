import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

/** Fails its first attempt (leaves a marker), succeeds the next: a feed that was down for a moment. */
const flakyYaml = `jobs:
  - id: flaky
    trigger: manual
    command: ["sh", "-c", "if [ -f data/seen ]; then echo 'feed back'; else touch data/seen; echo 'feed down' >&2; exit 3; fi"]
    retries: 2
    retry_backoff: 1s
  - id: broken
    trigger: manual
    command: ["sh", "-c", "echo 'always down' >&2; exit 4"]
    retries: 1
    retry_backoff: 1s
  - id: slow_retry
    trigger: manual
    command: ["sh", "-c", "echo 'always down' >&2; exit 4"]
    retries: 2
    retry_backoff: 30s
`;

/** jobs.yaml without slow_retry: the job leaves the config while its retry waits for the backoff. */
const withoutSlowRetry = flakyYaml.slice(0, flakyYaml.indexOf('  - id: slow_retry'));

/** Waits until `run` says attempt 2 waits for its backoff, then returns how long it takes to exit. */
async function exitAfterBackoffStarts(run: ReturnType<typeof startCli>, then: () => void): Promise<{code: number | null; stdout: string; stderr: string; exitMs: number}> {
	await waitFor(() => run.output().stdout.includes('attempt 2'), 20_000, 'the first attempt to fail and its retry to wait');
	const started = Date.now();
	then();
	// Hung: still there when the 30 s backoff is near its end (what ends it is not the backoff running out).
	const code = await Promise.race([run.exited, new Promise<'hung'>(resolve => {
		setTimeout(() => resolve('hung'), 20_000);
	})]);
	if (code === 'hung') {
		run.child.kill('SIGKILL');
	}

	return {code: code === 'hung' ? null : code, ...run.output(), exitMs: Date.now() - started};
}

/** Runs the built binary to its end without blocking this process (a scheduler it talks to runs beside it). */
async function runAsync(args: string[]): Promise<{code: number | null; stdout: string; stderr: string}> {
	const run = startCli(args);
	const code = await run.exited;
	return {code, ...run.output()};
}

describe('sage-console run JOB with retries', () => {
	it('in the foreground (no scheduler running), follows the retry and exits 0 when it succeeds', () => {
		const root = processes.makeRoot({'config/jobs.yaml': flakyYaml});
		const run = runCli(['run', 'flaky', '--root', root.dir]);
		expect(run.stdout).toMatch(/run 1 flaky \[[\d-]+\]: failed/);
		expect(run.stdout).toMatch(/flaky: attempt 1 failed: ExitCode: sh exited with code 3: feed down, retrying in [\d.]+m?s \(attempt 2 of 3\)\n/);
		expect(run.stdout).toContain('feed back');
		expect(run.stdout).toMatch(/run 2 flaky \[[\d-]+\]: success/);
		expect(run.stdout).toContain('flaky: succeeded at attempt 2 of 3\n');
		expect(run.code).toBe(0);
	});

	it('exits 1 when the last attempt fails too, after following every attempt', () => {
		const root = processes.makeRoot({'config/jobs.yaml': flakyYaml});
		const run = runCli(['run', 'broken', '--root', root.dir]);
		expect(run.stdout).toMatch(/run 1 broken \[[\d-]+\]: failed/);
		expect(run.stdout).toMatch(/run 2 broken \[[\d-]+\]: failed/);
		expect(run.stdout).not.toContain('attempt 3');
		expect(run.stdout).toContain('broken: ended failed at attempt 2 of 2\n');
		expect(run.code).toBe(1);
	});

	it('through a running scheduler, follows the retry the scheduler makes and exits 0', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': flakyYaml});
		await schedulerStarted(processes.start(root.dir));
		const run = await runAsync(['run', 'flaky', '--root', root.dir]);
		expect(run.stdout).toMatch(/run 1 flaky \[[\d-]+\]: failed/);
		expect(run.stdout).toMatch(/flaky: attempt 1 failed: ExitCode: sh exited with code 3: feed down, retrying in [\d.]+m?s \(attempt 2 of 3\)\n/);
		expect(run.stdout).toMatch(/run 2 flaky \[[\d-]+\]: success/);
		expect(run.code).toBe(0);
	});

	it('in the foreground, Ctrl-C while the retry waits for its backoff exits 1 at once instead of hanging', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': flakyYaml});
		const run = startCli(['run', 'slow_retry', '--root', root.dir]);
		const ended = await exitAfterBackoffStarts(run, () => run.child.kill('SIGINT'));
		expect(ended.stdout).toContain('slow_retry: attempt 2 will not run (interrupted); attempt 1 is the last');
		expect(ended.code).toBe(1);
		// Not at the backoff's end (30 s): at once, give or take what a loaded box adds.
		expect(ended.exitMs).toBeLessThan(20_000);
	});

	it('through a running scheduler, a retry dropped because its job left the config ends the command (exit 1), not a wait forever', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': flakyYaml});
		await schedulerStarted(processes.start(root.dir));
		const run = startCli(['run', 'slow_retry', '--root', root.dir]);
		processes.track(run);
		const ended = await exitAfterBackoffStarts(run, () => writeFileSync(join(root.dir, 'config/jobs.yaml'), withoutSlowRetry));
		expect(ended.stdout).toContain('slow_retry: attempt 2 will not run (the scheduler dropped it');
		expect(ended.code).toBe(1);
	});

	it('through a running scheduler, the scheduler stopping while the retry waits ends the command with 4 (scheduler lost)', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': flakyYaml});
		await schedulerStarted(processes.start(root.dir));
		const run = startCli(['run', 'slow_retry', '--root', root.dir]);
		processes.track(run);
		const ended = await exitAfterBackoffStarts(run, () => process.kill(processes.pidOf(0), 'SIGTERM'));
		expect(ended.stderr).toContain('following slow_retry\'s retries ended: the scheduler is stopping; attempt 2, waiting for its backoff, runs after the scheduler\'s next start: find its run then with `sage-console history --job slow_retry`');
		expect(ended.stderr).not.toContain('went away');
		expect(ended.code).toBe(4);
	});
});
