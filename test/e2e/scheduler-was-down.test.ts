/**
 * A scheduler that died reaches the operator's phone. A `--headless` scheduler killed with -9 (as the
 * OOM killer or a lost power supply would end it) says nothing itself: the next start finds that the
 * one before never stopped cleanly and sends one alert through the configured channels, naming the
 * previous pid, when it was last alive and the runs this start closed as interrupted. A clean stop and
 * the first start of a root send nothing. A console whose scheduler thread keeps crashing, and is left
 * stopped, sends the alert from its main thread, no scheduler being there to send it. Real parts: the
 * built binary, a local WeCom robot, the history database read as the operator would.
 */
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import Database from 'better-sqlite3';
import {describe, expect, it} from 'vitest';
import {readRuns} from '../helpers/history-file.js';
import {alertRobotRoots, downAlerts, robotMessages as messages} from '../helpers/alert-robot-root.js';
import {binary, runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {markerJobLine, messagesBeforeMarker} from '../helpers/marker-alert.js';
import {hasTmux, openTmuxSession} from '../helpers/tmux.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const fault = fileURLToPath(new URL('../fixtures/scheduler-fault.cjs', import.meta.url));
/** Generous: several test files share 2 cores. */
const slow = 60_000;

const pause = async (ms: number) => new Promise(resolve => {
	setTimeout(resolve, ms);
});

/** A root with a job that runs a minute, its alerts going to a local WeCom robot; the marker job says when the alerts before it are all in. */
const robotRoot = alertRobotRoots(processes);
const rootWithRobot = async () => robotRoot(`jobs:\n  - {id: long, trigger: manual, command: ["sleep", "60"]}\n  - {id: quick, trigger: manual, command: ["true"]}\n${markerJobLine}`);

/** The `notifications` rows of the scheduler's own alerts (no run, no job). */
function schedulerAlertRows(root: string): Array<{kind: string; channel: string; status: string}> {
	const db = new Database(path.join(root, 'data/sage.db'), {readonly: true});
	try {
		return db.prepare('SELECT kind, channel, status FROM notifications WHERE run_id IS NULL AND job_id IS NULL ORDER BY id').all() as Array<{kind: string; channel: string; status: string}>;
	} finally {
		db.close();
	}
}

async function startHeadless(root: string) {
	const app = processes.start(root);
	await schedulerStarted(app);
	return app;
}

describe('a headless scheduler that died', () => {
	it('killed with -9 with nothing running: the next start sends exactly one alert naming the previous pid; the first start sent none', async () => {
		// Given a root's first scheduler, with nothing running
		const {root, robot} = await rootWithRobot();
		const first = await startHeadless(root);
		expect(await messagesBeforeMarker(root, robot)).toEqual([]);

		// When it is killed with -9 and systemd starts it again
		first.child.kill('SIGKILL');
		await first.exited;
		const second = await startHeadless(root);

		// Then the phone hears, once, that it was down, with the pid that died
		const [alert] = await waitFor(() => downAlerts(robot).length > 0 && downAlerts(robot), slow, 'the alert at the robot');
		expect(alert).toContain(`- **previous pid**: ${first.child.pid}`);
		expect(alert).toContain(`- **root**: ${root}`);
		expect(alert).toContain('- **how**: no clean stop: killed (kill -9, out of memory), crashed, or the box lost power');
		expect(alert).toMatch(/- \*\*last alive\*\*: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
		expect(alert).toContain(`(pid ${second.child.pid})`);
		expect(alert).toContain('- **runs interrupted**: 0');
		// Recorded as every alert is (sent once the robot's answer is back: waited for), and said in the log
		await waitFor(() => schedulerAlertRows(root).some(row => row.status === 'sent'), slow, 'the alert recorded as sent');
		expect(await messagesBeforeMarker(root, robot)).toHaveLength(1);
		expect(schedulerAlertRows(root)).toEqual([{kind: 'alert', channel: 'wecom', status: 'sent'}]);
		expect(second.output().stdout).toContain(`sage-console was down: the scheduler before (pid ${first.child.pid}`);
		second.child.kill('SIGTERM');
		expect(await second.exited).toBe(0);
	}, 4 * slow);

	it('a clean stop (SIGTERM) tells nothing at the next start; a kill -9 after it tells the runs it left interrupted', async () => {
		// Given a scheduler stopped cleanly and started again
		const {root, robot} = await rootWithRobot();
		const first = await startHeadless(root);
		first.child.kill('SIGTERM');
		expect(await first.exited).toBe(0);
		const second = await startHeadless(root);
		expect(await messagesBeforeMarker(root, robot)).toEqual([]);

		// When that one is killed with -9 while a run goes on, and started again
		expect(runCli(['run', 'long', '--detach', '--root', root]).code).toBe(0);
		await waitFor(() => readRuns(root).find(row => row.job_id === 'long' && row.status === 'running' && row.pid), slow, 'the run to be running');
		second.child.kill('SIGKILL');
		await second.exited;
		await startHeadless(root);

		// Then one alert says it was down, naming its pid and the run closed interrupted (the run's own failure alert beside it)
		const [alert] = await waitFor(() => downAlerts(robot).length > 0 && downAlerts(robot), slow, 'the alert at the robot');
		expect(alert).toContain(`- **previous pid**: ${second.child.pid}`);
		expect(alert).toContain('- **runs interrupted**: 1');
		await waitFor(() => messages(robot).some(text => text.includes('long interrupted')), slow, 'the run\'s failure alert');
		await messagesBeforeMarker(root, robot);
		expect(downAlerts(robot)).toHaveLength(1);
	}, 4 * slow);

	it('a one-off `run` between the kill and the next start is no scheduler: it neither tells nor swallows the alert', async () => {
		// Given a scheduler killed with -9
		const {root, robot} = await rootWithRobot();
		const first = await startHeadless(root);
		first.child.kill('SIGKILL');
		await first.exited;

		// When a one-off run is carried out with no scheduler running
		expect(runCli(['run', 'quick', '--root', root]).code).toBe(0);

		// Then the next scheduler still tells of the one killed, and that is all the robot heard (the one-off
		// run's sends, had it made any, were all made before it exited, long before the marker's alert)
		await startHeadless(root);
		const [alert] = await waitFor(() => downAlerts(robot).length > 0 && downAlerts(robot), slow, 'the alert at the robot');
		expect(alert).toContain(`- **previous pid**: ${first.child.pid}`);
		expect(await messagesBeforeMarker(root, robot)).toEqual([alert]);
	}, 4 * slow);
});

describe.skipIf(!hasTmux)('the console\'s scheduler thread keeps crashing (tmux)', () => {
	it('left stopped after more than 3 crashes in 10 minutes, its main thread sends the alert; each start again told the crash before it', async () => {
		// Given a console whose every scheduler thread throws 1.5 s after it starts (its pauses before a start
		// again shortened from 2 s, 10 s, 60 s)
		const {root, robot} = await rootWithRobot();
		const s = openTmuxSession('crash-told', `SAGE_CONSOLE_RESTART_DELAYS_MS=500,1000,1500 FAULT_AFTER_START_MS=1500 NODE_OPTIONS=--require=${fault} ${binary} --root ${root}; echo "console exited $?"; sleep 200`, 150, 40);

		// When it has crashed a fourth time and gives up
		await s.see('4 crashes in 10 min: not started again automatically', 3 * slow);

		// Then the phone hears that the scheduler is left stopped, from the console's pid, with the crash
		const stopped = await waitFor(() => messages(robot).find(text => text.startsWith('### ⛔ sage-console scheduler stopped')), slow, 'the alert that it is left stopped');
		expect(stopped).toContain('- **why**: its scheduler thread crashed: TypeError: injected fault in the scheduler (test fixture)');
		expect(stopped).toContain('- **crashes**: 4 in 10 min: not started again automatically');
		// Each of the 3 starts again told the crash before it, counting them (sent by the scheduler threads,
		// not the main thread that sent the alert above: they may reach the robot after it)
		const down = await waitFor(() => downAlerts(robot).length >= 3 && downAlerts(robot), slow, 'the three starts again told');
		expect(down).toHaveLength(3);
		expect(down[2]).toContain('- **how**: the scheduler crashed: TypeError: injected fault in the scheduler (test fixture) (crashed 3 times in 10 min)');
		const pid = /- \*\*previous pid\*\*: (\d+)/.exec(down[0]!)![1];
		expect(stopped).toContain(`- **pid**: ${pid}`);
		await pause(1500);
		expect(messages(robot)).toHaveLength(4);

		// And S, the operator's start, is not told again as a scheduler that was down (it crashes a fifth time: that is told)
		s.keys('S');
		await s.see('5 crashes in 10 min: not started again automatically', slow);
		await waitFor(() => messages(robot).some(text => text.includes('- **crashes**: 5 in 10 min')), slow, 'the fifth crash told');
		await pause(1500);
		expect(downAlerts(robot)).toHaveLength(3);
		expect(messages(robot)).toHaveLength(5);

		s.keys('q');
		await s.see('console exited 0', slow);
	}, 5 * slow);
});
