/**
 * A console left open through a quiet night: at midnight in Shanghai the header's "today" figures and
 * the Failures panel start the new day, though nothing fires until the morning. They used to turn over
 * only when something else changed, so yesterday's evening failure stood as today's until 09:00. The
 * jobs' LAST column gives a run of another day its day, as NEXT does: "failed 23:59" read as tonight's.
 * Built binary in tmux, its clock (the machine's zone UTC) set to a minute before midnight by libfaketime.
 */
import {describe, expect, it} from 'vitest';
import {consoleStartedInTime} from '../helpers/console-started-by.js';
import {eveningFailureJobs} from '../helpers/evening-failure-jobs.js';
import {binary} from '../helpers/run-cli.js';
import {rootForTest} from '../helpers/test-root.js';
import {atTime, hasFaketime, hasTmux, openTmuxSession} from '../helpers/tmux.js';

const slow = 60_000;

const jobsYaml = eveningFailureJobs('Asia/Shanghai');

describe.skipIf(!hasTmux || !hasFaketime)('a console open across midnight (tmux, faketime)', () => {
	it('starts the new day\'s figures and failures at 00:00 with nothing firing', async () => {
		// Given a console whose clock reads 23:59:40 in Shanghai, and a job that fails at 23:59:50 (the
		// clock starts with the process: a loaded box may take more than those 10 s to start the console's
		// scheduler, so when it started after 23:59:48 the test starts over on a new root from 23:59:30)
		const s = await consoleStartedInTime(['23:59:40', '23:59:30'], '23:59:48', start => {
			const root = rootForTest({'config/jobs.yaml': jobsYaml});
			return openTmuxSession('midnight', `${atTime(`2026-12-07T${start}+08:00`, `${binary} --root ${root.dir}`)}; sleep 120`, 120, 30);
		}, slow);
		await s.see('Failures today (1)', slow);
		expect(s.rows()[0]).toContain('today 1 run · 0% ok · 1 failed');
		expect(s.rows().find(row => row.includes('evening_sync'))).toMatch(/✗ failed 23:59$/);

		// When midnight passes and nothing fires
		await s.see(/2026-12-08 00:00:0\d/, slow);

		// Then within a few seconds the header counts no runs today and the panel has no failures
		await s.see('today 0 runs', 10_000);
		expect(s.rows()[0]).toMatch(/2026-12-08 00:00:\d\d .*today 0 runs · — ok/);
		expect(s.screen()).not.toContain('Failures today (1)');
		expect(s.screen()).toContain('none today');
		// And the job's last run, now yesterday's, is shown with its day, as NEXT shows another day's time
		expect(s.rows().find(row => row.includes('evening_sync'))).toMatch(/ 23:59 in 23h59m +✗ failed 12-07 23:59$/);
	}, 120_000);
});
