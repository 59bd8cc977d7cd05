/**
 * A step back of the wall clock (an NTP correction, an operator fixing the time) followed at once by an
 * operator's command that sets the scheduler's timer anew (`pause JOB`, as a reload or `resume` would):
 * the built `sage-console --headless` under libfaketime. The step is still noticed and said in the log,
 * and an every-10-seconds job goes on firing from the new time. Before, the timer set anew took the
 * fire times from before the step for the new clock's: nothing was logged and the job did not fire for
 * the length of the step (an hour less 8 s here: the step comes just after a fire of ten, so the new
 * clock's next fire of ten comes about 2 s after it, not 10).
 */
import {describe, expect, it} from 'vitest';
import {readRuns} from '../helpers/history-file.js';
import {runCli, schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {canStepClock, steppedClock} from '../helpers/stepped-clock.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

describe.skipIf(!canStepClock)('the wall clock stepped back, then a command at once', () => {
	it('still says the clock went back, and an every-10-seconds job fires again from the new time', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': `jobs:
  - {id: ten, cron: "*/10 * * * * *", command: ["true"]}
  - {id: daily, cron: "30 16 * * *", command: ["true"]}
`});
		const clock = steppedClock(root.dir);
		const app = startCli(['--headless', '--root', root.dir], {env: clock.env});
		processes.track(app);
		await schedulerStarted(app);
		// Right after a fire of ten, the timer sleeps its longest (5 s) before it looks at the clock again.
		const before = await waitFor(() => readRuns(root.dir).filter(row => row.job_id === 'ten' && row.status === 'success').length || undefined, 30_000, 'a run of ten');
		clock.step('-3592');
		expect(runCli(['pause', 'daily', '--root', root.dir]).stdout).toContain('daily paused');

		const back = await waitFor(() => app.output().stdout.split('\n').find(line => line.includes('the clock went back')), 15_000, 'the step back in the log');
		expect(back).toMatch(/the clock went back (59m\d\ds|1h00m): jobs that fire more often than that go on from the new time/);
		const after = await waitFor(() => readRuns(root.dir).filter(row => row.job_id === 'ten' && row.status === 'success').length > before + 1 && readRuns(root.dir), 30_000, 'ten to fire twice after the step');
		// Its runs after the step are on the new clock, an hour behind the one before them.
		const ten = after.filter(row => row.job_id === 'ten');
		expect(ten.at(-1)!.scheduled_at).toBeLessThan(ten[before - 1]!.scheduled_at);
		app.child.kill('SIGTERM');
		expect(await app.exited).toBe(0);
	}, 90_000);
});
