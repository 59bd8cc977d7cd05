/**
 * `show RUN_ID` with no scheduler running, of a failed run asked for with a secret param whose next
 * attempt a stop kept: the next start does not run that attempt (history does not keep the secret's
 * value), so show says it will not run and why, in the start's own words, where it promised the attempt
 * runs after the scheduler starts. Built binaries, real headless schedulers, a real SQLite file.
 */
import {expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';
import {waitingRetryRows} from '../helpers/waiting-retry-rows.js';

const processes = trackHeadlessProcesses();

const jobsYaml = 'jobs:\n  - {id: check, trigger: manual, retries: 1, retry_backoff: 10m, command: ["sh", "-c", "exit 3"]}\n';
const why = 'run 1 was asked for with the secret param api_token, whose value history does not keep across a restart: run check --param api_token=… again instead';

it('says a kept retry of a run asked for with a secret param will not run at the next start, as the start then says', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
	const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);

	// Given: run 1, asked for with a secret param, failed with attempt 2 kept by a stop.
	const first = processes.start(root.dir);
	await schedulerStarted(first);
	expect(cli('run', 'check', '--detach', '--param', 'api_token=s3cret').stdout.trim()).toBe('1');
	await waitFor(() => waitingRetryRows(root.dir).length === 1, 30_000, 'run 1 to fail and its attempt 2 to be kept');
	first.child.kill('SIGTERM');
	expect(await first.exited).toBe(0);

	// Then: show says the next start will not run it, and why; --json has no next_attempt.
	const shown = cli('show', '1');
	expect(shown.stdout).toContain(`kept while no scheduler runs, but the next start will not run it: ${why}`);
	expect(shown.stdout).not.toContain('it runs after the scheduler starts');
	const json = JSON.parse(cli('show', '1', '--json').stdout) as Record<string, unknown>;
	expect(json.next_attempt).toBeUndefined();
	expect(json.kept_retry_not_run).toMatchObject({attempt: 2, why});

	// And the start says the same and drops it.
	const second = processes.start(root.dir);
	await schedulerStarted(second);
	expect(second.output().stdout).toContain(`check: attempt 2 not run: ${why}`);
}, 120_000);
