/**
 * `pause JOB` while a failed run's next attempt waits for its backoff drops that attempt, saying so
 * (and `status` no longer lists it): the retry ran anyway, against the feed the operator had paused
 * the job to spare, as the pause holds the job's schedule and its chains.
 * Built binaries, a real headless scheduler.
 */
import {expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

const jobsYaml = `jobs:
  - {id: flaky, trigger: manual, retries: 2, retry_backoff: 3s, command: ["sh", "-c", "exit 3"]}
`;

type Row = {id: number; status: string; attempt: number};

it('drops the retry waiting for its backoff of a job that is paused', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
	const headless = processes.start(root.dir);
	await schedulerStarted(headless);
	const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);

	expect(cli('run', 'flaky', '--detach').stdout.trim()).toBe('1');
	await waitFor(() => headless.output().stdout.includes('flaky: attempt 2 of 3 in 3 s'), 30_000, 'run 1 to fail and its retry to wait');
	const paused = cli('pause', 'flaky');
	expect(paused.code).toBe(0);
	// The answer says what the pause stopped.
	expect(paused.stdout).toBe('flaky paused\n  attempt 2 after run 1 not run (it was waiting for its backoff; sage-console retry 1 asks for it)\n');
	await waitFor(() => headless.output().stdout.includes('flaky: attempt 2 not run: flaky was paused while it waited for its backoff after run 1 (sage-console retry 1 asks for it)'), 30_000, 'the scheduler to say attempt 2 will not run');
	expect(cli('status').stdout).not.toContain('RETRY AT');

	// Well past the 3 s backoff, run 1 is still the job's only run.
	await new Promise(resolve => {
		setTimeout(resolve, 5000);
	});
	expect((JSON.parse(cli('history', '--job', 'flaky', '--json').stdout) as Row[]).map(row => [row.id, row.status, row.attempt])).toEqual([[1, 'failed', 1]]);
}, 90_000);
