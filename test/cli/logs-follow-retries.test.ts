/**
 * `logs RUN --follow` of a run whose job has `retries:` follows its retries as `run JOB` does: after a
 * failed attempt, the line saying it failed and which attempt comes, that attempt's log, and at the end
 * the last attempt's summary and its exit code. It stopped at the run it was given (exit 1 while the
 * retry went on to succeed). Given an earlier attempt whose retry already runs, it goes on to it too.
 * A run with no retry coming ends as before (logs-follow-ends-with-result.test.ts).
 */
import {describe, expect, it} from 'vitest';
import {sameDayEach} from '../helpers/same-day-ahead.js';
import {runCli, schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

/** flaky fails its first attempt after a second (leaves a marker), succeeds the next; broken always fails; steady fails after its retry started. */
const jobsYaml = `jobs:
  - id: flaky
    trigger: manual
    command: ["sh", "-c", "sleep 1; if [ -f data/seen ]; then echo 'feed back'; else touch data/seen; echo 'feed down' >&2; exit 3; fi"]
    retries: 2
    retry_backoff: 1s
  - id: broken
    trigger: manual
    command: ["sh", "-c", "sleep 1; echo 'always down' >&2; exit 4"]
    retries: 1
    retry_backoff: 1s
  - id: slow_second
    trigger: manual
    command: ["sh", "-c", "if [ -f data/seen ]; then echo 'second try starts'; sleep 3; echo 'second try done'; else touch data/seen; echo 'first try down' >&2; exit 3; fi"]
    retries: 2
    retry_backoff: 1s
`;

/**
 * How the line between two attempts says the next one: waiting for its backoff, asked for as the
 * command saw the attempt end, or asked for before the command looked (a loaded box starts it late).
 */
const nextAttemptWords = String.raw`(?:retrying in [\d.]+m?s|retrying now|retried as run 2)`;

type History = Array<{id: number; attempt: number; status: string}>;

function history(root: string): History {
	return JSON.parse(runCli(['history', '--json', '--root', root]).stdout) as History;
}

/** Runs the built binary to its end without blocking this process. */
async function runAsync(args: string[]): Promise<{code: number | null; stdout: string; stderr: string}> {
	const run = startCli(args);
	processes.track(run);
	const code = await run.exited;
	return {code, ...run.output()};
}

describe('logs RUN --follow of a run with retries', () => {
	// Run logs are numbered within a day in Shanghai (the root's zone): an attempt and its retry on one day
	// there, where across its midnight the retry's log was the new day's `_001.log`, not `_002.log`.
	sameDayEach('Asia/Shanghai', 60_000);

	it('follows the retry after the attempt it was given fails, and exits 0 when the retry succeeds', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
		await schedulerStarted(processes.start(root.dir));
		const detached = runCli(['run', 'flaky', '--detach', '--root', root.dir]);
		expect(detached.stdout.trim()).toBe('1');

		// When the operator follows run 1 while it goes (it fails; the scheduler retries it as run 2)
		const logs = await runAsync(['logs', '1', '--follow', '--root', root.dir]);

		// Then the first attempt's log and summary, the line naming attempt 2, its log, its summary, and run's closing line
		const out = logs.stdout;
		const order = [/ WARN {2}feed down {2}stream=stderr\n/, /\nrun 1 flaky \[[\d-]+\]: failed/, new RegExp(String.raw`\nflaky: attempt 1 failed: ExitCode: sh exited with code 3: feed down, ${nextAttemptWords} \(attempt 2 of 3\)\n`), / INFO {2}feed back {2}stream=stdout\n/, /\nrun 2 flaky \[[\d-]+\]: success/];
		const at = order.map(line => out.search(line));
		expect(at.every(index => index >= 0), `every line in ${out}`).toBe(true);
		expect(at).toEqual([...at].sort((a, b) => a - b));
		expect(out).toMatch(/\nflaky: succeeded at attempt 2 of 3\n$/);
		expect(logs.code).toBe(0);
	}, 60_000);

	it('exits 1 with the last attempt\'s summary when every attempt fails; given the last attempt, ends with its summary only', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
		await schedulerStarted(processes.start(root.dir));
		expect(runCli(['run', 'broken', '--detach', '--root', root.dir]).stdout.trim()).toBe('1');

		const logs = await runAsync(['logs', '1', '--follow', '--root', root.dir]);

		expect(logs.stdout).toMatch(/run 1 broken \[[\d-]+\]: failed/);
		expect(logs.stdout).toMatch(new RegExp(String.raw`\nbroken: attempt 1 failed: ExitCode: sh exited with code 4: always down, ${nextAttemptWords} \(attempt 2 of 2\)\n`));
		expect(logs.stdout).toMatch(/run 2 broken \[[\d-]+\]: failed/);
		expect(logs.stdout).toMatch(/\nbroken: ended failed at attempt 2 of 2\n$/);
		expect(logs.code).toBe(1);

		// Given the last attempt, it ends with that run's summary only, as for a run without retries
		const last = await runAsync(['logs', '2', '--follow', '--root', root.dir]);
		expect(last.stdout).toMatch(/ WARN {2}always down {2}stream=stderr\n/);
		expect(last.stdout).toMatch(/run 2 broken \[[\d-]+\]: failed in \S+\nExitCode: .*\n(.*\n)*log: .*logs\/jobs\/\d{8}_002\.log\n$/);
		expect(last.stdout).not.toContain('attempt 2');
		expect(last.code).toBe(1);
	}, 60_000);

	it('given an earlier attempt whose retry already runs, goes on to that retry', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
		await schedulerStarted(processes.start(root.dir));
		expect(runCli(['run', 'slow_second', '--detach', '--root', root.dir]).stdout.trim()).toBe('1');
		// Given attempt 1 has failed and attempt 2 (run 2) is running
		await waitFor(() => history(root.dir).some(run => run.id === 2 && run.status === 'running'), 20_000, 'attempt 2 to run');

		// When the operator follows run 1, the attempt that failed
		const logs = await runAsync(['logs', '1', '--follow', '--root', root.dir]);

		// Then attempt 1's log and summary, the line naming attempt 2 and its run, attempt 2's log to its end
		const out = logs.stdout;
		expect(out).toMatch(/ WARN {2}first try down {2}stream=stderr\n/);
		expect(out).toMatch(/run 1 slow_second \[[\d-]+\]: failed/);
		expect(out).toMatch(/\nslow_second: attempt 1 failed: ExitCode: sh exited with code 3: first try down, retried as run 2 \(attempt 2 of 3\)\n/);
		expect(out).toMatch(/ INFO {2}second try starts {2}stream=stdout\n/);
		expect(out).toMatch(/ INFO {2}second try done {2}stream=stdout\n/);
		expect(out).toMatch(/run 2 slow_second \[[\d-]+\]: success/);
		expect(out).toMatch(/\nslow_second: succeeded at attempt 2 of 3\n$/);
		expect(logs.code).toBe(0);
	}, 60_000);
});
