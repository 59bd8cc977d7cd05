/**
 * A `--headless` scheduler that dies of its own uncaught exception (exit 1, for systemd to restart it)
 * records the crash — the error's name and message — in the scheduler's life row before it exits, so
 * the next start's `⚠ sage-console was down` alert says what it died of instead of the generic "no
 * clean stop". The fault is thrown by a preloaded test fixture (test/fixtures/scheduler-fault.cjs) on
 * the real binary's main thread; the alert reaches a local WeCom robot.
 */
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {alertRobotRoots, downAlerts, quickJobYaml} from '../helpers/alert-robot-root.js';
import {markerJobLine, messagesBeforeMarker} from '../helpers/marker-alert.js';
import {schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const fault = fileURLToPath(new URL('../fixtures/scheduler-fault.cjs', import.meta.url));
const rootWithRobot = alertRobotRoots(processes);

/** Generous: several test files share 2 cores. */
const slow = 60_000;

const pause = async (ms: number) => new Promise(resolve => {
	setTimeout(resolve, ms);
});

describe('a headless scheduler that crashed', () => {
	it('the next start\'s alert names the error it died of', async () => {
		// Given a headless scheduler, its alerts going to a local WeCom robot
		const {root, robot} = await rootWithRobot(quickJobYaml + markerJobLine);
		const trigger = path.join(root, 'fault-now');
		const first = startCli(['--headless', '--root', root], {env: {FAULT_TRIGGER_FILE: trigger, NODE_OPTIONS: `--require=${fault}`}});
		processes.track(first);
		await schedulerStarted(first);

		// When its scheduler throws an uncaught TypeError, the process exits 1, and systemd starts it again
		writeFileSync(trigger, '');
		expect(await Promise.race([first.exited, pause(slow).then(() => 'still running')])).toBe(1);
		const second = processes.start(root);
		await schedulerStarted(second);

		// Then the phone hears, once, that it was down and what it died of
		const [alert] = await waitFor(() => downAlerts(robot).length > 0 && downAlerts(robot), slow, 'the alert at the robot');
		expect(alert).toContain(`- **previous pid**: ${first.child.pid}`);
		expect(alert).toContain('the scheduler crashed: TypeError: injected fault in the scheduler (test fixture)');
		expect(alert).not.toContain('no clean stop');
		// And the log of the start says it too
		expect(second.output().stdout).toContain('crashed: TypeError: injected fault in the scheduler (test fixture)');
		await messagesBeforeMarker(root, robot);
		expect(downAlerts(robot)).toHaveLength(1);
		second.child.kill('SIGTERM');
		expect(await second.exited).toBe(0);
	}, 4 * slow);
});
