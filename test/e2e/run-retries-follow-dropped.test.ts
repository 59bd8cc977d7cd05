/**
 * A `sage-console run JOB` following a job's retries that stops reading (stopped with SIGSTOP, its output
 * piped into a stuck process) while the next attempt waits for its backoff and another job floods the
 * log: the scheduler drops it once 32 MB wait for it; resumed, the command says it was dropped for not
 * reading, that the attempt still comes, and how to follow it again, not that the scheduler went away.
 * Built binaries, a real headless scheduler.
 */
import {expect, it} from 'vitest';
import {schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {floodJobYaml, stallUntilDropped} from '../helpers/stalled-follower.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const slow = 60_000;

const jobsYaml = `shutdown: cancel
jobs:
  - id: flaky
    trigger: manual
    retries: 1
    retry_backoff: 5m
    command: ["sh", "-c", "echo trying; exit 3"]
${floodJobYaml}`;

it('says a run JOB the scheduler dropped for not reading while a retry waited was dropped, that the retry comes, and how to follow it', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
	const headless = processes.start(root.dir);
	await schedulerStarted(headless);
	const follower = startCli(['run', 'flaky', '--root', root.dir]);
	processes.track(follower);
	await waitFor(() => follower.output().stdout.includes('flaky: attempt 1 failed'), slow, 'the first attempt to fail and the retry to be announced');
	expect(follower.output().stdout).toMatch(/retrying in [45]m\d\ds \(attempt 2 of 2\)/);

	// Given the follower stopped while attempt 2 waits for its backoff, when another job floods the log
	// Then the scheduler's log names it
	await stallUntilDropped(root.dir, follower, pid => `cli run (pid ${pid})`, slow);

	// And resumed, it says why it ends, that attempt 2 still comes, and how to follow it
	follower.child.kill('SIGCONT');
	const code = await follower.exited;
	const {stderr} = follower.output();
	expect(stderr).toContain('sage-console: following flaky\'s retries ended: dropped by the scheduler: this client read nothing while 32 MB waited for it; attempt 2 goes on: find its run with `sage-console history --job flaky` and follow it again with `sage-console logs RUN_ID --follow`');
	expect(stderr).not.toContain('went away');
	expect(code).not.toBe(0);
}, 4 * slow);
