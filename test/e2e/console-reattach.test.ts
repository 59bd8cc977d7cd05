/**
 * A console kept open in tmux while its headless scheduler restarts (systemd's `Restart=`): the built
 * `sage-console` attached to a built `sage-console --headless`, a run going. When the scheduler stops,
 * the header says it stopped (its signal) and that the console re-attaches, `running ?` replaces the stale count and
 * the old pid is no longer called attached; when a new scheduler answers on the socket, the console
 * attaches to it by itself: the new pid, live figures, new log lines.
 */
import {attachedHeader} from '../helpers/attached-header.js';
import {describe, expect, it} from 'vitest';
import {consoleOnHeadless} from '../helpers/console-on-headless.js';
import {longBacktestJobs} from '../helpers/long-backtest-jobs.js';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {hasTmux} from '../helpers/tmux.js';

const processes = trackHeadlessProcesses();

/** Generous: several test files share 2 cores. */
const slow = 60_000;

const jobsYaml = longBacktestJobs(`  - id: hello
    trigger: manual
    command: ["sh", "-c", "echo hello from the new scheduler"]
`);

describe.skipIf(!hasTmux)('a console attached to a scheduler that restarts (tmux, --headless)', () => {
	it('says the scheduler stopped and re-attaches to the new one: its pid, live runs and log', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
		const {scheduler: first, pid: firstPid, session: s} = await consoleOnHeadless(processes, root.dir, 'reattach', {timeoutMs: slow});
		expect(runCli(['run', 'long_backtest', '--detach', '--root', root.dir]).code).toBe(0);
		await s.see('running 1', slow);

		// The scheduler stops (as systemd stops it): the console says so and shows nothing as live.
		first.child.kill('SIGTERM');
		expect(await first.exited).toBe(0);
		const gone = await s.see(new RegExp(`scheduler pid ${firstPid} stopped \\(SIGTERM\\) at \\d\\d:\\d\\d:\\d\\d; re-attaching`), slow);
		expect(gone).toContain(`re-attaching (pid ${firstPid} stopped)`);
		expect(gone).toContain('running ?');
		expect(gone).not.toMatch(attachedHeader(firstPid));
		expect(gone).not.toContain('running 1');
		// The jobs panel no longer marks the backtest running (▶) either.
		expect(gone).not.toMatch(/^.▶ long_backtest +manual/m);

		// A new scheduler answers on the socket: the console attaches to it without a key pressed.
		const second = processes.start(root.dir);
		await schedulerStarted(second);
		const secondPid = processes.pidOf(1);
		const back = await s.see(attachedHeader(secondPid), slow);
		expect(back).toContain('running 0');
		expect(back).not.toContain('re-attaching');
		expect(back).not.toContain('stopped (SIGTERM)');

		// Its live figures and its log reach the console.
		expect(runCli(['run', 'hello', '--root', root.dir]).code).toBe(0);
		await s.see('hello from the new scheduler', slow);
		expect(runCli(['run', 'long_backtest', '--detach', '--root', root.dir]).code).toBe(0);
		await s.see('running 1', slow);
		// Run 1 ended with the first scheduler, run 2 said hello: run 3 is the one going.
		expect(runCli(['cancel', '3', '--root', root.dir]).code).toBe(0);
	}, 4 * slow);
});
