/**
 * A `sage-console logs N --follow` that stops reading (stopped with SIGSTOP, its output piped into a
 * stuck process) while another job floods the log: the scheduler drops it once 32 MB wait for it and
 * its log names it; resumed, the command says it was dropped for not reading and that the run goes on,
 * not that the scheduler went away. Built binaries, a real headless scheduler.
 */
import {expect, it} from 'vitest';
import {runCli, schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {slowAndFloodJobsYaml, stallUntilDropped} from '../helpers/stalled-follower.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const slow = 60_000;

const jobsYaml = slowAndFloodJobsYaml;

it('says a follower the scheduler dropped for not reading was dropped, and that the run goes on', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
	const headless = processes.start(root.dir);
	await schedulerStarted(headless);
	expect(runCli(['run', 'slow', '--detach', '--root', root.dir]).code).toBe(0);
	const follower = startCli(['logs', '1', '--follow', '--root', root.dir]);
	processes.track(follower);
	await waitFor(() => follower.output().stdout.includes('tick 1'), slow, 'the follower to print the run\'s first line');

	// Given the follower stopped, when another job floods the log
	// Then the scheduler's log names it
	await stallUntilDropped(root.dir, follower, pid => `cli logs (pid ${pid})`, slow);

	// And resumed, it says why it ends, and that the run goes on
	follower.child.kill('SIGCONT');
	const code = await follower.exited;
	const {stderr} = follower.output();
	expect(stderr).toContain('sage-console: following run 1 ended: dropped by the scheduler: this client read nothing while 32 MB waited for it; the run goes on: follow it again with `sage-console logs 1 --follow`');
	expect(stderr).not.toContain('went away');
	expect(code).not.toBe(0);
	expect(runCli(['cancel', '1', '--root', root.dir]).code).toBe(0);
}, 4 * slow);
