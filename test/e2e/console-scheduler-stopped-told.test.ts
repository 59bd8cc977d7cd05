/**
 * A headless scheduler stopped on purpose (SIGTERM, as systemd stops it) with a console attached in
 * tmux and a `logs --follow` on one of its runs: its last line to them says it stopped, so the console
 * says "scheduler pid N stopped (SIGTERM) at …", not that it is gone, and the follower says the scheduler
 * stopped and what became of the run (shutdown: cancel), not that it went away. A kill -9 stays told as
 * the scheduler gone (console-reattach-later.test.ts, scheduler-clients.test.ts).
 */
import {describe, expect, it} from 'vitest';
import {consoleOnHeadless} from '../helpers/console-on-headless.js';
import {longBacktestJobs} from '../helpers/long-backtest-jobs.js';
import {runCli, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {hasTmux} from '../helpers/tmux.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

/** Generous: several test files share 2 cores. */
const slow = 60_000;

const jobsYaml = longBacktestJobs();

describe.skipIf(!hasTmux)('a headless scheduler stopped by a signal, told to its console and its followers (tmux)', () => {
	it('says the scheduler stopped (SIGTERM) and what became of the followed run, not that it is gone', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
		const {scheduler: app, pid, session: s} = await consoleOnHeadless(processes, root.dir, 'stopped-told', {timeoutMs: slow});
		expect(runCli(['run', 'long_backtest', '--detach', '--root', root.dir]).code).toBe(0);
		const follower = startCli(['logs', '1', '--follow', '--root', root.dir]);
		processes.track(follower);
		await waitFor(() => follower.output().stdout.includes('tick 1'), slow, 'the follower to print the run\'s first line');

		app.child.kill('SIGTERM');
		expect(await app.exited).toBe(0);

		const stopped = await s.see(new RegExp(`scheduler pid ${pid} stopped \\(SIGTERM\\) at \\d\\d:\\d\\d:\\d\\d; re-attaching`), slow);
		expect(stopped).toContain(`re-attaching (pid ${pid} stopped)`);
		expect(stopped).not.toContain('gone');
		expect(stopped).not.toContain('the connection closed');

		expect(await follower.exited).toBe(4);
		const {stderr} = follower.output();
		expect(stderr).toContain('following run 1 ended: the scheduler stopped (SIGTERM): its live runs were cancelled (shutdown: cancel)');
		expect(stderr).not.toContain('went away');
	}, 4 * slow);
});
