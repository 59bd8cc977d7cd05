/**
 * A jobs.yaml edit the scheduler refuses, as the console's ⚠ lines tell it: a long problem wraps onto
 * the rows it needs (its FILE:LINE:COL whole), the ones with no room are counted with where to read
 * them, and the panels stay drawn below. A real console in tmux, at 80×24 and at 200×50.
 */
import {describe, expect, it} from 'vitest';
import {binary, runCli} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';
import {atTime, hasFaketime, hasTmux, openTmuxSession} from '../helpers/tmux.js';
import {warningsOn} from '../helpers/warnings-on-screen.js';

const goodJobs = `timezone: Asia/Shanghai
jobs:
  - {id: sync_daily_bars, cron: "30 16 * * *", command: ["true"]}
  - {id: daily_report, cron: "0 20 * * *", command: ["true"]}
`;

/** Three problems; the first, a timeout in words, is 170-odd characters with its position. */
const brokenJobs = `timezone: Asia/Shanghai
jobs:
  - id: sync_daily_bars
    cron: "30 16 * * *"
    command: ["true"]
    timeout: one and a half minutes or whenever the exchange's market data feed has finished sending the day's bars
  - {id: daily_report, cron: "61 20 * * *", command: ["true"]}
  - {id: news_fetch, trigger: bogus, command: ["true"]}
`;

describe.skipIf(!hasTmux || !hasFaketime)('a refused jobs.yaml edit in the console\'s ⚠ lines (tmux)', () => {
	it('shows a long problem whole on the rows it needs at 80×24, counts the rest, and shows all three at 200×50', async () => {
		// Given a console on a root with a good jobs.yaml (in November: no calendar notice for next year)
		const root = makeTempRoot({'config/jobs.yaml': goodJobs});
		const session = openTmuxSession('sage', `${atTime('2026-11-10T10:00:00+08:00', `${binary} --root ${root.dir}`)}; sleep 60`, 80, 24);
		await session.see('Jobs (2)', 40_000);

		// When an edit with three problems is saved
		root.write('config/jobs.yaml', brokenJobs);
		const problems = runCli(['validate', '--root', root.dir]).stderr.split('\n').filter(line => /jobs\.yaml:\d+:\d+: /.test(line));
		expect(problems).toHaveLength(3);
		await session.see('config not applied', 20_000);

		// Then at 80×24 the first problem reads whole, its position on its first row, over three rows;
		// the fourth ⚠ row counts the other two and names the command that lists them
		const first = `config not applied: ${problems[0]!}`;
		expect(first.length).toBeGreaterThan(150);
		await session.see('more problems', 10_000);
		const screen = session.rows();
		expect(warningsOn(session)).toEqual([first, '… 2 more problems: sage-console validate']);
		expect(screen[1]).toMatch(/^⚠ config not applied: \S*config\/jobs\.yaml:6:\d+: /);
		expect(screen.slice(1, 5).every(row => row.length <= 80)).toBe(true);
		expect(screen[4]).toBe('⚠ … 2 more problems: sage-console validate');
		// The panels below, the key bar last
		expect(screen[5]).toMatch(/^▌Jobs \(2\)/);
		expect(screen.join('\n')).toContain('sync_daily_bars');
		expect(screen.at(-2)).toMatch(/\? help/);

		// And at 200×50 every problem shows, each whole
		session.resize(200, 50);
		await session.see(/⚠ config not applied: \S*jobs\.yaml:8:/, 10_000);
		expect(warningsOn(session)).toEqual(problems.map(problem => `config not applied: ${problem}`));
		expect(session.screen()).toMatch(/▌Jobs \(2\)/);
	}, 120_000);
});
