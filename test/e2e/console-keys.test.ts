import {afterEach, describe, expect, it} from 'vitest';
import {binary} from '../helpers/run-cli.js';
import type {TempRoot} from '../helpers/temp-root.js';
import {atTime, hasFaketime, hasTmux, openTmuxSession} from '../helpers/tmux.js';
import {makeBoxRoot} from './console-fixture.js';

let root: TempRoot | undefined;
afterEach(() => {
	root?.remove();
});

const down = (times: number) => Array.from({length: times}, () => 'j');

describe.skipIf(!hasTmux || !hasFaketime)('keys in a real terminal (tmux, the built binary, 120×40)', () => {
	it('Enter opens the job view, the live run, the log line\'s run and the failure; c and r on a disabled job ask first', async () => {
		root = makeBoxRoot();
		const s = openTmuxSession('sage', `cd ${root.dir} && ${atTime('2026-12-07T08:00:00+08:00', binary)}; sleep 60`, 120, 40);
		await s.see('Jobs (10)', 30_000);

		// Jobs: Enter opens the job's own view.
		s.keys('r');
		await s.see(/sync_daily_bars .*✓ [\d.]+m?s /);
		s.keys('Enter');
		const view = await s.see(/durations\s+[▁▂▃▄▅▆▇█] /);
		expect(view).toContain('Job sync_daily_bars · 每日行情同步');
		expect(view).toContain('1 of its one ended run (100%)');
		expect(view).toMatch(/next\s+16:30 \(in 8h\d\dm\) · 12-08 16:30/);
		// Its runs with the trade day each ran for (Monday 12-07, the faked day).
		expect(view).toMatch(/RUN +TRIGGER +TRADE DAY +STATUS +STARTED +DURATION +ERROR \/ RESULT\n +1 +manual +12-07 +✓ success +12-07 08:00/);
		s.keys('Escape');

		// Running: Enter opens the live run, c asks and only y cancels.
		s.keys('g', ...down(8), 'r');
		await s.see(/▶ backtest_momentum\s+[█░]+\s+\d+%\s+day \d/);
		s.keys('Tab', 'Enter');
		const live = await s.see('Run 3 · backtest_momentum');
		expect(live).toContain('status     running');
		s.keys('Escape', 'c');
		await s.see('Cancel run 3 of backtest_momentum at ');
		s.keys('n');
		await s.see('not cancelled: run 3 of backtest_momentum goes on');
		s.keys('c', 'y');
		await s.see('cancelling backtest_momentum (run 3)');
		await s.see('■ backtest_momentum cancelled');

		// Log: Enter opens the run that wrote the selected line (the newest: the cancelled run's).
		s.keys('Tab', 'Enter');
		const fromLog = await s.see('Run 3 · backtest_momentum');
		expect(fromLog).toContain('status     cancelled');
		s.keys('Escape');

		// Failures: Enter opens the failed run.
		s.keys('Escape', 'g', ...down(7), 'r');
		await s.see('Failures today (1)');
		s.keys('f', 'Enter');
		await s.see('Run 4 · news_fetch');
		s.keys('Escape');

		// r on a disabled job asks; Escape is a no.
		s.keys('Escape', 'g', ...down(9), 'r');
		await s.see('old_cleanup is disabled in jobs.yaml (enabled: false). Run it once anyway?');
		s.keys('Escape');
		await s.see('old_cleanup not run');
	}, 120_000);

	it('the filter takes fast typing and Backspace, in one chunk or apart, and Esc clears it', async () => {
		root = makeBoxRoot();
		const s = openTmuxSession('sage', `cd ${root.dir} && ${binary}; sleep 60`, 120, 40);
		await s.see('Jobs (10)', 30_000);
		s.keys('/');
		// One write: letters and Backspaces together, as fast typing reaches a program.
		s.type('backzz\u007F\u007F');
		await s.see('/ filter jobs: back▌');
		await s.see('Jobs (2 matching "back")');
		s.type('t');
		s.keys('BSpace', 'u');
		await s.see('Jobs (1 matching "backu")');
		s.keys('Enter');
		const kept = await s.see('backup_db');
		expect(kept).not.toContain('backtest_momentum');
		s.keys('Escape');
		await s.see('Jobs (10)');
	}, 120_000);
});
