/**
 * `a` in the log panel scopes the log to the job of the selected line, as `r` and `p` there act on it,
 * and the jobs panel's cursor goes to that job; it scoped the log to whatever job the jobs panel had
 * selected before, another job than the line under the cursor. The built console in tmux.
 */
import {describe, expect, it, onTestFinished} from 'vitest';
import {binary} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';
import {hasTmux, openTmuxSession} from '../helpers/tmux.js';

const slow = 60_000;

const files = {
	'config/jobs.yaml': `jobs:
  - {id: alpha_report, trigger: manual, command: ["sh", "-c", "echo alpha written"]}
  - {id: beta_sync, trigger: manual, command: ["sh", "-c", "echo beta synced 4 symbols"]}
`,
};

describe.skipIf(!hasTmux)('a in the log panel (tmux, 100×30)', () => {
	it('shows the log of the selected line\'s job and selects that job', async () => {
		const root = makeTempRoot(files);
		onTestFinished(() => {
			root.remove();
		});
		const s = openTmuxSession('log-scope-line', `${binary} --root ${root.dir}; sleep 60`, 100, 30);
		await s.see('Jobs (2)', slow);
		// beta_sync runs; the jobs panel's cursor goes back to alpha_report.
		s.keys('j', 'r');
		await s.see('■ beta_sync succeeded (run 1', slow);
		s.keys('k');
		await s.see(/^›● alpha_report/m, slow);

		// In the log, the newest line (beta_sync's) is under the cursor; a scopes the log to its job.
		s.keys('l', 'a');
		const scoped = await s.see(/Log · \w+ \(a: all jobs\)/, slow);
		expect(scoped).toContain('Log · beta_sync (a: all jobs)');
		expect(scoped).toContain('beta synced 4 symbols');
		// Back in the jobs panel, the cursor is on that job.
		s.keys('Escape');
		const jobs = await s.see(/^▌Jobs \(2\)/m, slow);
		expect(jobs).toMatch(/^›● beta_sync/m);

		// a again: all jobs.
		s.keys('a');
		await s.see('Log · all jobs', slow);
		s.keys('q');
	}, 3 * slow);
});
