/**
 * A deadline passed by a forward step of the wall clock (an NTP step; a VM or laptop resumed, whose
 * monotonic clock stood still while it slept) is alerted within a minute: the built `sage-console
 * --headless` under libfaketime, its wall clock set to Monday 2026-12-07 10:00 in Shanghai, a job due at
 * 09:00 with `deadline: "10:50"` that never ran; the clock steps to 11:00. Before, the deadline watch
 * slept until the deadline on the monotonic clock (50 minutes), so the alert came 50 minutes late.
 */
import {describe, expect, it} from 'vitest';
import {schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {canStepClock, steppedClock} from '../helpers/stepped-clock.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

describe.skipIf(!canStepClock)('a deadline passed by a step of the wall clock (libfaketime)', () => {
	it('is alerted within a minute of the step, naming the deadline and why', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: late_job, cron: "0 9 * * *", deadline: "10:50", command: ["true"]}\n'});
		const clock = steppedClock(root.dir);
		// Whole seconds from now to Monday 10:00 in Shanghai (02:00 UTC).
		const offset = Math.round((Date.parse('2026-12-07T02:00:00Z') - Date.now()) / 1000);
		clock.step(`${offset >= 0 ? '+' : ''}${offset}`);
		const app = startCli(['--headless', '--root', root.dir], {env: clock.env});
		processes.track(app);
		await schedulerStarted(app);
		expect(app.output().stdout).not.toContain('has not succeeded by its deadline');

		clock.step(`${offset + 3600 >= 0 ? '+' : ''}${offset + 3600}`);
		const alert = await waitFor(() => app.output().stdout.split('\n').find(line => line.includes('has not succeeded by its deadline')), 90_000, 'the deadline alert');
		expect(JSON.parse(alert)).toMatchObject({level: 40, jobId: 'late_job', msg: 'late_job has not succeeded by its deadline 2026-12-07 10:50: never started'});
		app.child.kill('SIGTERM');
		expect(await app.exited).toBe(0);
	}, 150_000);
});
