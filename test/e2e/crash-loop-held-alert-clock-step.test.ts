/**
 * A crash loop's held-back `was down` alert is sent when its turn comes even if the wall clock reads a
 * little before it then: the turn is a timer's (the monotonic clock), and the scheduler asked the wall
 * clock whether the last alert was still within 10 minutes. A wall clock behind the timer's (Node fires
 * timers up to 1 ms early against Date.now; an NTP step back by its size) took the alert as told
 * meanwhile and dropped it for good. Real parts: the built binary killed with -9 start after start, a
 * local WeCom robot, the last start's wall clock stepped back with libfaketime.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import {expect, it} from 'vitest';
import {alertRobotRoots, downAlerts, quickJobYaml, threeDeathsTold} from '../helpers/alert-robot-root.js';
import {markerJobLine, messagesBeforeMarker} from '../helpers/marker-alert.js';
import {schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {shortLeadFirst} from '../helpers/short-lead.js';
import {canStepClock, steppedClock} from '../helpers/stepped-clock.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
/** Generous: several test files share 2 cores. */
const slow = 60_000;
const rootWithRobot = alertRobotRoots(processes);

/** Moves the recorded alert moments so that the last one was `ago` ms ago. */
function lastAlertAgo(root: string, ago: number): void {
	const db = new Database(path.join(root, 'data/sage.db'));
	try {
		db.pragma('busy_timeout = 5000');
		db.prepare('UPDATE scheduler_life SET told_at = told_at - (SELECT max(told_at) FROM scheduler_life) + ? WHERE told_at IS NOT NULL').run(Date.now() - ago);
	} finally {
		db.close();
	}
}

it.skipIf(!canStepClock)('a held alert is sent at its turn though the wall clock was stepped back meanwhile', async () => {
	// The turn comes `leadMs` after the last alert's moment is moved: the start, its hold, the marker's
	// alert and the step must all come before it. 10 s first; on a new root, 25 s when the box was too slow.
	await shortLeadFirst([10_000, 25_000], async leadMs => {
		// Given a crash loop: three deaths told, a fourth
		const {root, robot} = await rootWithRobot(quickJobYaml + markerJobLine);
		let current = await threeDeathsTold(processes, root, robot, slow);
		current.child.kill('SIGKILL');
		await current.exited;

		// When the last alert went out `leadMs` short of 10 minutes ago, and the start after the fourth death holds its alert back
		const turnAt = Date.now() + leadMs;
		lastAlertAgo(root, 10 * 60_000 - leadMs);
		const clock = steppedClock(root);
		current = startCli(['--headless', '--root', root], {env: clock.env});
		processes.track(current);
		await schedulerStarted(current);
		await waitFor(() => current.output().stdout.includes('alert held back'), slow, 'the start to hold its alert back');
		// Held: not at the robot by the time a later alert (the marker job's) is.
		await messagesBeforeMarker(root, robot);
		const toldBeforeTurn = downAlerts(robot).length;

		// And its wall clock is stepped back 10 s before the turn comes
		clock.step('-10s');
		if (Date.now() >= turnAt - 1000) {
			processes.killAll();
			return false;
		}

		expect(toldBeforeTurn).toBe(3);

		// Then the held alert goes out all the same, from the scheduler still up
		const [held] = await waitFor(() => downAlerts(robot).length === 4 && downAlerts(robot).slice(3), slow, 'the held alert');
		expect(held).toMatch(/^### ⚠ sage-console was down 4 times in 10 min\n/);
		expect(held).toContain(`pid ${current.child.pid} has run since it started`);
		current.child.kill('SIGTERM');
		expect(await current.exited).toBe(0);
		return true;
	});
}, 8 * slow);
