/**
 * A crash loop's held-back `was down` alert is sent by the scheduler that held it when its turn comes,
 * or by the next start if this one dies too. Stopped cleanly before its turn (the operator's restart
 * once the loop is over), it sends it as it stops: the next start finds a clean stop, not a death, and
 * would tell no one of the deaths held back. Real parts: the built binary killed with -9 start after
 * start, a local WeCom robot.
 */
import {expect, it} from 'vitest';
import {alertRobotRoots, downAlerts, quickJobYaml, threeDeathsTold} from '../helpers/alert-robot-root.js';
import {markerJobLine, messagesBeforeMarker} from '../helpers/marker-alert.js';
import {schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
/** Generous: several test files share 2 cores. */
const slow = 60_000;
const rootWithRobot = alertRobotRoots(processes);

it('a scheduler stopped cleanly before its held alert\'s turn sends that alert as it stops', async () => {
	const {root, robot} = await rootWithRobot(quickJobYaml + markerJobLine);
	const fourth = await threeDeathsTold(processes, root, robot, slow);
	fourth.child.kill('SIGKILL');
	await fourth.exited;
	const current = processes.start(root);
	await schedulerStarted(current);
	await waitFor(() => current.output().stdout.includes('alert held back'), slow, 'the fourth start to hold its alert back');
	// Held: not at the robot by the time a later alert (the marker job's) is.
	await messagesBeforeMarker(root, robot);
	expect(downAlerts(robot)).toHaveLength(3);
	current.child.kill('SIGTERM');
	expect(await current.exited).toBe(0);
	const [held] = await waitFor(() => downAlerts(robot).length === 4 && downAlerts(robot).slice(3), 10_000, 'the held alert, sent at the stop');
	expect(held).toMatch(/^### ⚠ sage-console was down 4 times in 10 min\n/);
}, 6 * slow);
