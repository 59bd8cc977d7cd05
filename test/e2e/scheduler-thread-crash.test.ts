/**
 * The scheduler's own thread dies (an uncaught exception in the scheduler, not in a job) while the
 * process lives on. The console must not go on looking normal while nothing fires: it says the
 * scheduler stopped and why, frees the root's lock (`status` from another shell tells the truth),
 * writes the crash with its stack to logs/sage-console.log, and starts the scheduler again after a
 * pause, the run the dead one left `interrupted` as at any start. `--headless` exits non-zero for
 * systemd to restart it, the stack in its log too. The fault is thrown by a preloaded test fixture
 * (test/fixtures/scheduler-fault.cjs) in the real binary's scheduler thread.
 */
import {attachedHeader} from '../helpers/attached-header.js';
import {execFileSync} from 'node:child_process';
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {consoleClockPasses} from '../helpers/console-clock.js';
import {quitOwnConsole} from '../helpers/console-quit.js';
import {readRuns} from '../helpers/history-file.js';
import {wholeLines} from '../helpers/log-file-lines.js';
import {binary, runCli, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {hasTmux, openTmuxSession, type TmuxSession} from '../helpers/tmux.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const fault = fileURLToPath(new URL('../fixtures/scheduler-fault.cjs', import.meta.url));

/** Generous: several test files share 2 cores. */
const slow = 60_000;

const jobsYaml = `shutdown: cancel
jobs:
  - id: tick
    cron: "* * * * * *"
    command: ["true"]
  - id: long
    trigger: manual
    command: ["sleep", "300"]
`;

/** The console's pid: the pane's shell runs it as its child. */
function consolePid(session: TmuxSession): number {
	const pane = Number(session.format('#{pane_pid}'));
	const children = execFileSync('pgrep', ['-P', String(pane)], {encoding: 'utf8'}).trim().split('\n').map(Number);
	return children.find(pid => pid > 0) ?? pane;
}

const ticks = (root: string) => readRuns(root).filter(row => row.job_id === 'tick').length;
/** The tick runs started in [from, until). */
const ticksStartedBetween = (root: string, from: number, until: number) => readRuns(root).filter(row => row.job_id === 'tick' && row.started_at !== null && row.started_at >= from && row.started_at < until);
const pause = async (ms: number) => new Promise(resolve => {
	setTimeout(resolve, ms);
});

describe.skipIf(!hasTmux)('the console\'s scheduler thread crashes (tmux)', () => {
	it('says nothing fires and why, frees the lock, logs the stack, and starts the scheduler again', async () => {
		// Given a console running its own scheduler, a long run going
		const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
		const trigger = path.join(root.dir, 'fault-now');
		// A pause before the start again long enough for `status` below to find none on a loaded box.
		const s = openTmuxSession('thread-crash', `SAGE_CONSOLE_RESTART_DELAYS_MS=6000 FAULT_TRIGGER_FILE=${trigger} NODE_OPTIONS=--require=${fault} ${binary} --root ${root.dir}; echo "console exited $?"; sleep 120`, 130, 40);
		await s.see('tick started', slow);
		const pid = consolePid(s);
		expect(runCli(['run', 'long', '--root', root.dir, '--detach']).code).toBe(0);
		await s.see('long started', slow);

		// When its scheduler thread throws
		writeFileSync(trigger, '');

		// Then the header says so, with the error, and nothing fires meanwhile
		const crashed = await s.see('scheduler thread stopped: TypeError: injected fault in the scheduler (test fixture)', slow);
		expect(crashed).toContain('starting it again in 6 s');
		expect(crashed).not.toContain('console exited');
		// Another shell is told the truth: no scheduler runs, and no lock claims one does
		const status = runCli(['status', '--root', root.dir]);
		expect(status.code).not.toBe(0);
		expect(status.stderr).toContain('no scheduler is running for this root');
		expect(existsSync(path.join(root.dir, 'data/sage.lock'))).toBe(false);
		// The crash and its stack are in the console's log
		const log = readFileSync(path.join(root.dir, 'logs/sage-console.log'), 'utf8');
		expect(log).toMatch(/"level":50.*"stack":"TypeError: injected fault in the scheduler \(test fixture\)\\n {4}at /);
		expect(log).toContain('scheduler thread stopped: TypeError: injected fault in the scheduler (test fixture)');

		// And it starts again by itself: fires resume, the warning goes, status answers with the console's pid
		await waitFor(() => readFileSync(path.join(root.dir, 'logs/sage-console.log'), 'utf8').includes('scheduler thread started again after its crash'), slow, 'the scheduler to start again');
		const before = ticks(root.dir);
		await waitFor(() => ticks(root.dir) >= before + 2, slow, 'every-second fires to resume');
		await waitFor(() => !s.screen().includes('scheduler thread stopped') && !s.screen().includes('re-attaching'), slow, 'the warning to go');
		const again = runCli(['status', '--json', '--root', root.dir]);
		expect(again.code).toBe(0);
		expect((JSON.parse(again.stdout) as {pid: number}).pid).toBe(pid);
		// The run the dead thread left is settled as at any start
		expect(readRuns(root.dir).find(row => row.job_id === 'long')?.status).toBe('interrupted');

		// q stops it as ever, and the console exits 0
		await quitOwnConsole(s, slow);
		expect(runCli(['status', '--root', root.dir]).code).not.toBe(0);
	}, 5 * slow);

	it('runs out of memory: the thread ends, not the console, and the scheduler starts again', async () => {
		// Given a console with a small heap running its own scheduler
		const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
		const trigger = path.join(root.dir, 'fault-now');
		const s = openTmuxSession('thread-oom', `FAULT_KIND=oom FAULT_TRIGGER_FILE=${trigger} NODE_OPTIONS='--require=${fault} --max-old-space-size=256' ${binary} --root ${root.dir}; echo "console exited $?"; sleep 120`, 150, 40);
		await s.see('tick started', slow);

		// When its scheduler thread fills its heap
		writeFileSync(trigger, '');

		// Then the thread alone ends: the console says why, logs it, and starts the scheduler again
		const crashed = await s.see('scheduler thread stopped: Error: Worker terminated due to reaching memory limit: JS heap out of memory', slow);
		expect(crashed).not.toContain('console exited');
		await waitFor(() => readFileSync(path.join(root.dir, 'logs/sage-console.log'), 'utf8').includes('scheduler thread started again after its crash'), slow, 'the scheduler to start again');
		const before = ticks(root.dir);
		await waitFor(() => ticks(root.dir) >= before + 2, slow, 'every-second fires to resume');
		expect(runCli(['status', '--root', root.dir]).code).toBe(0);
	}, 5 * slow);

	it('a scheduler started with S (its headless one gone for good) that crashes is started again, not left as its last state', async () => {
		// Given a console attached to a headless scheduler that stopped for good, and S pressed
		const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
		const trigger = path.join(root.dir, 'fault-now');
		const headless = processes.start(root.dir);
		await waitFor(() => headless.output().stdout.includes('ready: clients attach on '), slow, 'the headless scheduler to start');
		const s = openTmuxSession('s-crash', `FAULT_TRIGGER_FILE=${trigger} NODE_OPTIONS=--require=${fault} ${binary} --root ${root.dir}; echo "console exited $?"; sleep 120`, 130, 40);
		await s.see(attachedHeader(processes.pidOf(0)), slow);
		headless.child.kill('SIGTERM');
		expect(await headless.exited).toBe(0);
		await s.see('press S to start one here', slow);
		s.keys('S');
		await s.see('this console now runs the scheduler', slow);
		await waitFor(() => !s.screen().includes('re-attaching'), slow, 'the console to schedule');

		// When the scheduler thread it started throws
		writeFileSync(trigger, '');

		// Then the console says so, and starts it again: fires resume, status answers with the console's pid
		await s.see('scheduler thread stopped: TypeError: injected fault in the scheduler (test fixture)', slow);
		await waitFor(() => readFileSync(path.join(root.dir, 'logs/sage-console.log'), 'utf8').includes('scheduler thread started again after its crash'), slow, 'the scheduler to start again');
		const before = ticks(root.dir);
		await waitFor(() => ticks(root.dir) >= before + 2, slow, 'every-second fires to resume');
		const status = runCli(['status', '--json', '--root', root.dir]);
		expect(status.code).toBe(0);
		expect((JSON.parse(status.stdout) as {pid: number}).pid).toBe(consolePid(s));
	}, 5 * slow);

	it('a scheduler that keeps crashing is started again at most 3 times in 10 minutes, then left stopped with S offered', async () => {
		// Given a console whose every scheduler thread throws 1.5 s after it starts (its pauses before a start
		// again, 2 s, 10 s, 60 s, shortened to 0.5 s, 1 s, 1.5 s: the count is what this proves, not the wait)
		const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
		const s = openTmuxSession('crash-loop', `SAGE_CONSOLE_RESTART_DELAYS_MS=500,1000,1500 FAULT_AFTER_START_MS=1500 NODE_OPTIONS=--require=${fault} ${binary} --root ${root.dir}; echo "console exited $?"; sleep 200`, 150, 40);
		await s.see('tick started', slow);

		// Then after the first crash and 3 starts again, each after its own pause, it gives up, and says so
		const gaveUp = await s.see('4 crashes in 10 min: not started again automatically', 3 * slow);
		const gaveUpAt = Date.now();
		expect(gaveUp).not.toContain('console exited');
		await s.see('no scheduler runs this root: nothing fires — press S to start one here', slow);
		// Whole lines: the console (alive) may be writing the next one.
		const log = wholeLines(path.join(root.dir, 'logs/sage-console.log')).join('\n');
		expect(log.match(/scheduler thread started again after its crash/g)).toHaveLength(3);
		expect(log.match(/"msg":"scheduler thread stopped: /g)).toHaveLength(4);
		const stops = log.split('\n').filter(line => line.includes('"msg":"scheduler thread stopped: ')).map(line => JSON.parse(line) as {restartInMs?: number});
		expect(stops.map(stop => stop.restartInMs)).toEqual([500, 1000, 1500, undefined]);

		// And no more starts follow while the console's clock goes on 3 s (past its last pause before a
		// start again): the scheduler stays stopped; that nothing fired is checked once a later one runs
		await consoleClockPasses(s, 3, slow);
		expect(runCli(['status', '--root', root.dir]).code).not.toBe(0);

		// Once systemd's --headless takes the root (the lock was freed), the console attaches to it, and q
		// only detaches: the headless scheduler runs on
		const headlessAt = Date.now();
		const headless = processes.start(root.dir);
		await waitFor(() => headless.output().stdout.includes('ready: clients attach on '), slow, 'the headless scheduler to start');
		const attached = await s.see(attachedHeader(processes.pidOf(0)), slow);
		expect(attached).not.toContain('nothing fires');
		// Its fires recorded: none started between the give-up and its start, and the console started no scheduler again
		await waitFor(() => ticksStartedBetween(root.dir, headlessAt, Date.now()).length >= 2, slow, 'the headless scheduler\'s fires');
		expect(ticksStartedBetween(root.dir, gaveUpAt, headlessAt)).toEqual([]);
		expect(readFileSync(path.join(root.dir, 'logs/sage-console.log'), 'utf8').match(/scheduler thread started again/g)).toHaveLength(3);
		s.keys('q');
		expect(await s.see('console exited 0', slow)).toContain(`detached: the scheduler (pid ${processes.pidOf(0)}) runs on; sage-console to attach again\nconsole exited 0`);
		expect(headless.child.exitCode).toBeNull();
		const status = runCli(['status', '--json', '--root', root.dir]);
		expect((JSON.parse(status.stdout) as {pid: number}).pid).toBe(processes.pidOf(0));
	}, 5 * slow);
});

describe('--headless: its scheduler throws', () => {
	it('exits non-zero (for systemd to restart it) with the stack in logs/sage-console.log, its frames named by their source', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
		const trigger = path.join(root.dir, 'fault-now');
		// The fault thrown inside the built bundle, whose chunks are named by hash
		const headless = startCli(['--headless', '--root', root.dir], {env: {FAULT_TRIGGER_FILE: trigger, FAULT_KIND: 'bundled', NODE_OPTIONS: `--require=${fault}`}});
		processes.track(headless);
		await waitFor(() => headless.output().stdout.includes('ready: clients attach on '), slow, 'the scheduler to start');
		// A scheduler at work, not one still starting: its every-second job has fired (a positive sign, where
		// a fixed pause could end before the first fire on a loaded box, or pass with a scheduler that fires nothing).
		await waitFor(() => ticks(root.dir) >= 1, slow, 'the every-second job to fire before the fault');
		writeFileSync(trigger, '');
		const code = await Promise.race([headless.exited, pause(slow).then(() => 'still running')]);
		expect(code).toBe(1);
		const log = readFileSync(path.join(root.dir, 'logs/sage-console.log'), 'utf8');
		const fatal = log.split('\n').find(line => line.includes('"level":60'));
		expect(fatal).toContain('"stack":"IllegalRunTransition: run 0: no move from success to running (allowed: none, it has ended)\\n    at Module.checkedTransition (');
		expect(fatal).toMatch(/at Module\.checkedTransition \(\/[^"]*\/src\/core\/run-states\.ts:\d+:\d+\)/);
		expect(fatal).not.toContain('dist/bundle/');
		// The next start takes the root over: the lock its pid left names a dead process
		const next = processes.start(root.dir);
		await waitFor(() => next.output().stdout.includes('ready: clients attach on '), slow, 'the next start to take over');
	}, 3 * slow);
});
