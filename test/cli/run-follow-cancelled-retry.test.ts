/**
 * `sage-console run JOB` following a job's retries through the scheduler, whose next attempt the operator
 * drops with `cancel` while it waits for its backoff, says the attempt will not run because it was
 * cancelled, as the scheduler's log says it, exiting with the last attempt's failure. It once named
 * only a removed job or a stopping scheduler, neither of which had happened, then every way it could have been dropped.
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
	expect(follower.output().stdout).toContain('flaky: attempt 2 will not run (the scheduler dropped it: cancelled while it waited for its backoff after run 1); attempt 1 is the last');
}, 90_000);
