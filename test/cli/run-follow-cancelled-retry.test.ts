/**
 * `sage-console run JOB` following a job's retries through the scheduler, whose next attempt the operator
 * drops with `cancel` while it waits for its backoff, says the attempt will not run and names a cancel
 * among the reasons, exiting with the last attempt's failure. It named only a removed job or a stopping
 * scheduler, neither of which had happened.
 * Built binaries, a real headless scheduler.
 */
import {expect, it} from 'vitest';
import {runCli, schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

const jobsYaml = `jobs:
  - {id: flaky, trigger: manual, retries: 1, retry_backoff: 10m, command: ["sh", "-c", "exit 3"]}
`;

it('says a cancelled next attempt will not run, naming the cancel', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
	const headless = processes.start(root.dir);
	await schedulerStarted(headless);
	const follower = startCli(['run', 'flaky', '--root', root.dir]);
	processes.track(follower);
	await waitFor(() => follower.output().stdout.includes('flaky: attempt 1 failed'), 30_000, 'the first attempt to fail');

	expect(runCli(['cancel', '1', '--root', root.dir]).code).toBe(0);
	expect(await follower.exited).toBe(1);
	expect(follower.output().stdout).toContain('flaky: attempt 2 will not run (the scheduler dropped it: cancelled (sage-console cancel), the job or the whole scheduler paused, the job disabled by a reload (enabled: false), the job removed from the config, or a later run of it succeeded); attempt 1 is the last');
}, 90_000);
