/**
 * A service's window follows the wall clock when it steps: the built `sage-console --headless` runs
 * under libfaketime (the wall clock offset from a file read at every call, the monotonic clock left
 * real, as an NTP step leaves it), with a service whose window is two hours back. When the clock steps
 * back two hours into that window, the service starts within seconds, rather than when the timer armed
 * before the step (for tomorrow's window) fires; when the clock steps forward again, out of the window,
 * it is stopped.
 */
import {describe, expect, it} from 'vitest';
import {schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {trackServiceProcesses} from '../helpers/service-processes.js';
import {statusServices} from '../helpers/status-services.js';
import {canStepClock, steppedClock} from '../helpers/stepped-clock.js';
import {waitFor} from '../helpers/wait-for.js';
import {processesWith} from '../supervisor/service-host.js';

const processes = trackHeadlessProcesses();
const serviceProcesses = trackServiceProcesses();

function collectorState(root: string): string | undefined {
	return statusServices(root).find(service => service.id === 'collector')?.state;
}

const hhmm = (at: number) => new Date(at).toISOString().slice(11, 16);

/** A step back of 2 or 4 hours whose 30-minute window around the landing time stays within one UTC day. */
function stepAndWindow(): {hours: number; window: string} {
	for (const hours of [2, 4]) {
		const landing = Date.now() - (hours * 3_600_000);
		const opens = hhmm(landing - 600_000);
		const closes = hhmm(landing + 1_200_000);
		if (opens < closes) {
			return {hours, window: `${opens}-${closes}`};
		}
	}

	throw new Error('no window within one day');
}

describe.skipIf(!canStepClock)('a service window and a step of the wall clock (libfaketime)', () => {
	it('starts the service within seconds of a step back into its window, and stops it at a step forward out of it', async () => {
		const root = processes.makeRoot({'collector.sh': '#!/bin/sh\necho "collector up"\nwhile :; do sleep 1; done\n'});
		const script = `${root.dir}/collector.sh`;
		serviceProcesses.watch(root.dir);
		const {hours, window} = stepAndWindow();
		root.write('config/jobs.yaml', `timezone: UTC
services:
  - id: collector
    command: ["sh", "${script}"]
    window: "${window}"
    stop_timeout: 3s
`);
		const clock = steppedClock(root.dir);
		const app = startCli(['--headless', '--root', root.dir], {
			env: clock.env,
		});
		processes.track(app);
		await schedulerStarted(app);
		expect(collectorState(root.dir)).toBe('outside-window');

		clock.step(`-${hours}h`);
		await waitFor(() => processesWith(script).length === 1, 15_000, 'the service to start after the step back into its window');
		await waitFor(() => collectorState(root.dir) === 'up', 10_000, 'status to show it up');

		clock.step('+0');
		await waitFor(() => processesWith(script).length === 0, 20_000, 'the service to stop after the step forward out of its window');
		expect(collectorState(root.dir)).toBe('outside-window');
		app.child.kill('SIGTERM');
		expect(await app.exited).toBe(0);
	}, 60_000);
});
