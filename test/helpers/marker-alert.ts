/**
 * A positive sign that no more alerts are on their way to a test's robot: a marker job's own alert.
 * The scheduler sends the alerts to one robot in the order it queued them (delivery-queue.ts: one
 * queue per robot), so once the marker's alert, queued after the moment a test cares about, is at the
 * robot, every alert queued before it is there too. A test that then finds an alert missing finds it
 * missing for good, however loaded the box, where a fixed pause could end before a late alert came.
 */
import {expect} from 'vitest';
import type {RobotServer} from './robot-servers.js';
import {robotMessages} from './alert-robot-root.js';
import {startCli} from './run-cli.js';
import {waitFor} from './wait-for.js';

/**
 * The marker job, a line for a jobs.yaml's `jobs:`: it fails and succeeds in turn (a file in data/ says
 * which), so each run of it is alerted (a first failure, then a recovery) and not swallowed as a repeat.
 */
export const markerJobLine = '  - {id: marker, trigger: manual, command: ["sh", "-c", "if [ -e data/marker-failed ]; then rm data/marker-failed; else touch data/marker-failed; exit 1; fi"]}\n';

const isMarker = (text: string) => /^### (❌ marker failed|✅ marker recovered)/.test(text);

/**
 * Runs the marker job on the scheduler of `root` and waits for its alert at `robot`; then gives every
 * other message the robot has received (the marker's own left out), all that came before it.
 */
export async function messagesBeforeMarker(root: string, robot: RobotServer, timeoutMs = 60_000): Promise<string[]> {
	const before = robotMessages(robot).filter(isMarker).length;
	// Not spawnSync: the robot answers on this process's event loop, and a delivery it left unanswered would be tried again.
	const run = startCli(['run', 'marker', '--detach', '--root', root]);
	expect(await run.exited, run.output().stderr).toBe(0);
	await waitFor(() => robotMessages(robot).filter(isMarker).length > before, timeoutMs, 'the marker job\'s alert at the robot');
	return robotMessages(robot).filter(text => !isMarker(text));
}
