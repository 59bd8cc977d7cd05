/**
 * A crash loop's alerts are spaced by the alerts that reached the phone, not by those queued: while
 * the robot refuses every alert, no alert counts as told, so the first start after it is back tells
 * every death at once, where the loop's spacing held it back for 10 minutes as if the operator knew.
 * Real parts: the built binary killed with -9 start after start, a local WeCom robot answering 500
 * and then 200.
 */
import {describe, expect, it} from 'vitest';
import {alertRobotRoots, downAlerts, quickJobYaml} from '../helpers/alert-robot-root.js';
import {markerJobLine, messagesBeforeMarker} from '../helpers/marker-alert.js';
import {schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
/** Generous: several test files share 2 cores. */
const slow = 60_000;

/** A start's `was down` alert has ended refused by every channel (its last attempt's answer read). */
const alertRefused = (started: ReturnType<typeof processes.start>) => started.output().stdout.includes('the \'was down\' alert reached no channel');

const rootWithRobot = alertRobotRoots(processes);

describe('a crash loop while the phone cannot be reached', () => {
	it('the first alert that gets through tells every death, none held back for alerts that never arrived', async () => {
		const {root, robot} = await rootWithRobot(quickJobYaml + markerJobLine);
		robot.mode.wecom = 'error500';
		let current = processes.start(root);
		await schedulerStarted(current);
		const dieAndRestart = async () => {
			current.child.kill('SIGKILL');
			await current.exited;
			current = processes.start(root);
			await schedulerStarted(current);
		};

		// Given four deaths, each start's alert refused by the robot (two attempts each)
		for (let death = 1; death <= 4; death++) {
			await dieAndRestart();
			await waitFor(() => alertRefused(current), slow, `alert ${death} to be refused`);
			expect(downAlerts(robot)).toHaveLength(death * 2);
		}

		// When the robot is back and the scheduler dies a fifth time
		robot.mode.wecom = 'ok';
		const refused = downAlerts(robot).length;
		await dieAndRestart();

		// Then the next start's alert reaches the phone at once, counting all five deaths
		const [first] = await waitFor(() => downAlerts(robot).length > refused && downAlerts(robot).slice(refused), slow, 'the alert after the robot came back');
		// Only that one, up to a later alert (the marker job's): alerts to one robot go out in the order queued.
		await messagesBeforeMarker(root, robot);
		const delivered = downAlerts(robot).slice(refused);
		expect(delivered).toEqual([first]);
		expect(delivered[0]).toMatch(/^### ⚠ sage-console was down 5 times in 10 min\n/);
		expect(current.output().stdout).not.toContain('alert held back');
	}, 180_000);
});
