/**
 * A heartbeat job whose grace a forward step of the wall clock jumps past (an NTP step; a VM or laptop
 * resumed, whose monotonic clock stood still while it slept) is told down within a minute: the built
 * `sage-console --headless` under libfaketime, an hourly heartbeat with a 10-minute grace pinged once,
 * then the clock steps two hours on. Before, the monitor slept until the next expected ping on the
 * monotonic clock (up to an hour), so the alert came as late as that.
 */
import {describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {canStepClock, steppedClock} from '../helpers/stepped-clock.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

describe.skipIf(!canStepClock)('a heartbeat\'s grace passed by a step of the wall clock (libfaketime)', () => {
	it('is told down within a minute of the step', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: py_export, cron: "0 * * * *", heartbeat: true, grace: 10m}\n'});
		const clock = steppedClock(root.dir);
		const app = startCli(['--headless', '--root', root.dir], {env: clock.env});
		processes.track(app);
		await schedulerStarted(app);
		const pinged = runCli(['ping', 'py_export', '--root', root.dir]);
		expect(pinged.code, pinged.stderr).toBe(0);

		clock.step('+2h');
		const down = await waitFor(() => app.output().stdout.split('\n').find(line => line.includes('py_export is down')), 90_000, 'the heartbeat down alert');
		expect(JSON.parse(down)).toMatchObject({level: 40, jobId: 'py_export', msg: expect.stringMatching(/^py_export is down: no ping since \S+ \(expected \S+\)$/)});
		app.child.kill('SIGTERM');
		expect(await app.exited).toBe(0);
	}, 150_000);
});
