/**
 * A scheduler stopped (SIGTERM: systemd's stop or restart) while a failed run's next attempt waits for
 * its backoff says in its log that the attempt is kept and runs after the next start (which
 * test/cli/waiting-retry-survives-restart.test.ts checks): it was dropped without a word, then said
 * to be lost, so a job with `retries:` that failed just before a restart simply stayed failed.
 * Built binaries, a real headless scheduler.
 */
import {expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

const jobsYaml = `jobs:
  - {id: flaky, trigger: manual, retries: 1, retry_backoff: 10m, command: ["sh", "-c", "exit 3"]}
`;

it('says at the stop that the waiting attempt is kept for the next start', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
	const headless = processes.start(root.dir);
	await schedulerStarted(headless);
	expect(runCli(['run', 'flaky', '--detach', '--root', root.dir]).stdout.trim()).toBe('1');
	await waitFor(() => headless.output().stdout.includes('flaky: attempt 2 of 2 in 600 s'), 30_000, 'run 1 to fail and its retry to wait');

	headless.child.kill('SIGTERM');
	expect(await headless.exited).toBe(0);
	const {stdout} = headless.output();
	expect(stdout).toContain('flaky: attempt 2 of 2 is kept for the next start: the scheduler stopped while it waited for its backoff after run 1; it runs after the next start (at once if its time has passed by then)');
	expect(stdout).not.toContain('not run');
	expect(stdout.indexOf('is kept for the next start')).toBeLessThan(stdout.indexOf('scheduler stopped"'));
}, 90_000);
