/**
 * A console kept open in tmux, attached to a `--headless` scheduler that systemd stops while a run is
 * going (`shutdown: wait`): for as long as the scheduler waits for that run, it starts nothing new, and
 * the console says so under the header (it used to look as on any day until the scheduler was gone).
 * Built binaries, a real terminal.
 */
import {describe, expect, it} from 'vitest';
import {consoleOnHeadless} from '../helpers/console-on-headless.js';
import {runCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {hasTmux} from '../helpers/tmux.js';

const processes = trackHeadlessProcesses();

/** Generous: several test files share 2 cores. */
const slow = 60_000;

const jobsYaml = `shutdown: wait
shutdown_grace: 2m
jobs:
  - id: long_backtest
    trigger: manual
    command: ["sh", "-c", "for i in $(seq 1 600); do echo tick $i; sleep 0.5; done"]
`;

describe.skipIf(!hasTmux)('a console attached to a scheduler that is stopping (tmux, --headless)', () => {
	it('says the scheduler is stopping while it waits for its live run, then that it stopped', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
		const {scheduler: app, pid, session: s} = await consoleOnHeadless(processes, root.dir, 'stopping', {timeoutMs: slow});
		expect(runCli(['run', 'long_backtest', '--detach', '--root', root.dir]).code).toBe(0);
		await s.see('running 1', slow);
		expect(s.screen()).not.toContain('is stopping');

		// systemd stops the scheduler: it waits for the backtest, up to its shutdown_grace.
		app.child.kill('SIGTERM');
		const stopping = await s.see(`⚠ scheduler pid ${pid} is stopping: no new runs start; it ends when its live runs do (at most shutdown_grace 2m00s)`, slow);
		expect(stopping).toContain('running 1');

		// The operator cancels the run: the scheduler ends, and the console says it stopped instead.
		s.keys('c');
		await s.see('Cancel run 1 of long_backtest', slow);
		s.keys('y');
		await s.see(new RegExp(`scheduler pid ${pid} stopped \\(SIGTERM\\) at`), slow);
		expect(s.screen()).not.toContain('is stopping');
	}, 4 * slow);
});
