/**
 * A console attached to a `--headless` scheduler that stops for good (the operator closed the pane
 * of the console that ran it, or stopped the service): the console re-attaches, and once no scheduler
 * holds the root at all it says that nothing fires and offers `S`. Pressed, the scheduler starts in
 * this console as a plain `sage-console` start would: every-second fires resume, a manual run goes to
 * it, `sage-console status` answers with the console's pid.
 */
import {attachedHeader} from '../helpers/attached-header.js';
import {execFileSync} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {consoleClockPasses} from '../helpers/console-clock.js';
import {quitOwnConsole} from '../helpers/console-quit.js';
import {readRuns} from '../helpers/history-file.js';
import {consoleOnHeadless} from '../helpers/console-on-headless.js';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {hasTmux, type TmuxSession} from '../helpers/tmux.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

/** Generous: several test files share 2 cores. */
const slow = 60_000;

const jobsYaml = `shutdown: cancel
jobs:
  - id: tick
    cron: "* * * * * *"
    command: ["true"]
  - id: hello
    trigger: manual
    command: ["sh", "-c", "echo hello from the console scheduler"]
`;

/** The console's pid: the pane's shell runs it as its child. */
function consolePid(session: TmuxSession): number {
	const pane = Number(session.format('#{pane_pid}'));
	const children = execFileSync('pgrep', ['-P', String(pane)], {encoding: 'utf8'}).trim().split('\n').map(Number);
	return children.find(pid => pid > 0) ?? pane;
}

/** The tick runs started in [from, until). */
const ticksStartedBetween = (root: string, from: number, until: number) => readRuns(root).filter(row => row.job_id === 'tick' && row.started_at !== null && row.started_at >= from && row.started_at < until);

describe.skipIf(!hasTmux)('a console left attached to no scheduler (tmux, --headless)', () => {
	it('says nothing fires and, on S, starts the scheduler here: fires resume, status answers with its pid', async () => {
		// Given a console attached to a headless scheduler
		const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
		const {scheduler: headless, pid: headlessPid, session: s} = await consoleOnHeadless(processes, root.dir, 'start-here', {timeoutMs: slow, then: 'echo "console exited $?"; sleep 120'});

		// When the headless scheduler stops for good
		headless.child.kill('SIGTERM');
		expect(await headless.exited).toBe(0);
		const stoppedAt = Date.now();

		// Then the console says nothing fires and offers S, and nothing does fire while its clock goes on
		// 3 s (the every-second tick would have fired): checked below once fires resume on S, for a fire
		// recorded late to be in history by then.
		const offered = await s.see('no scheduler runs this root: nothing fires — press S to start one here', slow);
		expect(offered).toContain(`re-attaching (pid ${headlessPid} stopped)`);
		await consoleClockPasses(s, 3, slow);

		// And S starts the scheduler in this console: the offer and the re-attaching go, fires resume
		const pressedAt = Date.now();
		s.keys('S');
		await s.see('this console now runs the scheduler', slow);
		const scheduling = await waitFor(() => {
			const screen = s.screen();
			return !screen.includes('re-attaching') && !screen.includes('nothing fires') && screen;
		}, slow, 'the console to stop re-attaching');
		expect(scheduling).not.toMatch(attachedHeader());
		// Two ticks started since S (a row counted before it started, a queued one, is not yet one).
		await waitFor(() => ticksStartedBetween(root.dir, pressedAt, Date.now()).length >= 2, slow, 'every-second fires to resume');
		// None started while no scheduler ran.
		expect(ticksStartedBetween(root.dir, stoppedAt, pressedAt)).toEqual([]);

		// The console is the root's scheduler: status answers with its pid, a manual run goes to it
		const pid = consolePid(s);
		const status = runCli(['status', '--json', '--root', root.dir]);
		expect(status.code).toBe(0);
		expect((JSON.parse(status.stdout) as {pid: number}).pid).toBe(pid);
		expect(runCli(['run', 'hello', '--root', root.dir]).code).toBe(0);
		await s.see('hello from the console scheduler', slow);

		// q stops it with the console, as a console that started the scheduler does
		await quitOwnConsole(s, slow);

		expect(runCli(['status', '--root', root.dir]).code).not.toBe(0);
	}, 5 * slow);

	it('on S attaches instead to a scheduler that took the root meanwhile, and does not start a second one', async () => {
		// Given a console offering S after its headless scheduler stopped
		const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
		const {scheduler: first, session: s} = await consoleOnHeadless(processes, root.dir, 'took-meanwhile', {timeoutMs: slow, then: 'echo "console exited $?"; sleep 120'});
		first.child.kill('SIGTERM');
		expect(await first.exited).toBe(0);
		await s.see('press S to start one here', slow);

		// When systemd's restart takes the lock just before the operator presses S
		const second = processes.start(root.dir);
		const secondPid = processes.pidOf(1);
		const lock = path.join(root.dir, 'data/sage.lock');
		await waitFor(() => existsSync(lock) && readFileSync(lock, 'utf8').includes(`"pid":${secondPid}`), slow, 'the restart to take the lock');
		s.keys('S');

		// Then the console attaches to it: the restart schedules, not this console. S finds the lock taken
		// and says so; should the console's own re-attach reach the restart first, S finds a scheduler
		// running. Either way this console starts none.
		await s.see(new RegExp(`scheduler pid ${secondPid} took this root meanwhile|starts a scheduler only while none runs`), slow);
		const attached = await s.see(attachedHeader(secondPid), slow);
		expect(attached).not.toContain('this console now runs the scheduler');
		expect(attached).not.toContain('nothing fires');
		await schedulerStarted(second);
		const status = runCli(['status', '--json', '--root', root.dir]);
		expect((JSON.parse(status.stdout) as {pid: number}).pid).toBe(secondPid);
		expect(second.child.exitCode).toBeNull();
	}, 5 * slow);
});
