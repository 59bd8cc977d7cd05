/**
 * `sage-console run JOB` following a job's retries through the scheduler, whose next attempt `pause JOB`
 * drops while it waits for its backoff, says the attempt will not run because the job was paused, as
 * the scheduler's log says it, and exits with the last attempt's failure. It once listed every way the
 * attempt could have been dropped (cancelled, paused, disabled, removed, a later success).
 * Built binaries, a real headless scheduler.
 */
import {expect, it} from 'vitest';
import {runCli, schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

const jobsYaml = `jobs:
  - {id: flaky, trigger: manual, retries: 2, retry_backoff: 10m, command: ["sh", "-c", "exit 3"]}
`;

it('says a next attempt dropped by pausing its job will not run, saying it was paused', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
	await schedulerStarted(processes.start(root.dir));
	const follower = startCli(['run', 'flaky', '--root', root.dir]);
	processes.track(follower);
	await waitFor(() => follower.output().stdout.includes('flaky: attempt 1 failed'), 30_000, 'the first attempt to fail');

	expect(runCli(['pause', 'flaky', '--root', root.dir]).code).toBe(0);
	expect(await follower.exited).toBe(1);
	expect(follower.output().stdout).toContain('flaky: attempt 2 will not run (the scheduler dropped it: flaky was paused while it waited for its backoff after run 1 (sage-console retry 1 asks for it)); attempt 1 is the last');
	expect(follower.output().stdout).not.toContain('or a later run of it succeeded');
}, 90_000);
