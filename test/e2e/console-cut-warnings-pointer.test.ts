/**
 * The console's ⚠ rows keep their promise at 80×24: each warning reads whole, or the last row says where
 * to read it. Three jobs.yaml problems of two rows each have four rows: the first reads whole, the second
 * is cut, and the last row names `sage-console validate`. They were the first whole and the other two cut
 * to one row each (`minutes must be a…`), with nothing saying where to read them. A real console in tmux.
 */
import {describe, expect, it, onTestFinished} from 'vitest';
import {binary, runCli} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';
import {atTime, hasFaketime, hasTmux, openTmuxSession} from '../helpers/tmux.js';
import {waitFor} from '../helpers/wait-for.js';
import {warningsOn} from '../helpers/warnings-on-screen.js';

const goodJobs = `timezone: Asia/Shanghai
jobs:
  - {id: sync_daily_bars, cron: "30 16 * * *", command: ["true"]}
  - {id: poll_quotes, trigger: interval, minutes: 5, command: ["true"]}
  - {id: refresh_news, trigger: interval, minutes: 1, command: ["true"]}
`;

/** Three problems, each of two rows at 80 columns as the console words them (`config not applied: FILE:LINE:COL: …`). */
const brokenJobs = `timezone: Asia/Shanghai
jobs:
  - {id: sync_daily_bars, cron: "61 16 * * *", command: ["true"]}
  - {id: poll_quotes, trigger: interval, minutes: -5, command: ["true"]}
  - {id: refresh_news, trigger: interval, minutes: -1, command: ["true"]}
`;

describe.skipIf(!hasTmux || !hasFaketime)('⚠ rows with no room for every warning whole (tmux)', () => {
	it('at 80×24 cut the second of three problems and say on the last row to run sage-console validate', async () => {
		// Given a console on a root with a good jobs.yaml (in November: no calendar notice for next year)
		const root = makeTempRoot({'config/jobs.yaml': goodJobs});
		onTestFinished(() => root.remove());
		const session = openTmuxSession('sage', `${atTime('2026-11-10T10:00:00+08:00', `${binary} --root ${root.dir}`)}; sleep 60`, 80, 24);
		await session.see('Jobs (3)', 40_000);

		// When an edit with three problems is saved
		root.write('config/jobs.yaml', brokenJobs);
		const problems = runCli(['validate', '--root', root.dir]).stderr.split('\n').filter(line => /jobs\.yaml:\d+:\d+: /.test(line));
		expect(problems).toHaveLength(3);
		await session.see('config not applied', 20_000);
		const warnings = await waitFor(() => {
			const shown = warningsOn(session);
			return shown.length >= 3 && shown;
		}, 10_000, 'three ⚠ warnings');

		// Then the first reads whole, the second is cut with …, and the last row says where all read whole
		expect(warnings).toEqual([
			`config not applied: ${problems[0]!}`,
			expect.stringMatching(/^config not applied: \S*config\/jobs\.yaml:4:\d+: .*…$/),
			'… 1 more problem; sage-console validate for all',
		]);
		expect(`config not applied: ${problems[1]!}`.startsWith(warnings[1]!.slice(0, -1))).toBe(true);
		const screen = session.rows();
		expect(screen.slice(1, 5).every(row => row.startsWith('⚠ ') || row.startsWith('  '))).toBe(true);
		expect(screen[4]).toBe('⚠ … 1 more problem; sage-console validate for all');
		expect(screen[5]).toMatch(/^▌Jobs \(3\)/);
	}, 120_000);
});
