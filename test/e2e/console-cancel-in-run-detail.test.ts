/**
 * `c` in a live run's detail (Enter on the Running panel's row, where the operator reads a run that
 * seems stuck) asks `y/N` and cancels that run, as `c` on its row does; it did nothing. In the detail of
 * a run that ended it says there is nothing to cancel. The built console in tmux.
 */
import {describe, expect, it, onTestFinished} from 'vitest';
import {binary} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';
import {hasTmux, openTmuxSession} from '../helpers/tmux.js';

const slow = 60_000;

const files = {
	'config/jobs.yaml': 'jobs:\n  - {id: backtest, trigger: manual, command: ["sh", "-c", "echo \'::progress 0.4 day 2 of 5\'; sleep 600"]}\n',
};

describe.skipIf(!hasTmux)('c in a run\'s detail (tmux, 100×30)', () => {
	it('asks, then cancels the run the detail shows; of an ended run it says so', async () => {
		const root = makeTempRoot(files);
		onTestFinished(() => {
			root.remove();
		});
		const s = openTmuxSession('detail-cancel', `${binary} --root ${root.dir}; sleep 60`, 100, 30);
		await s.see('Jobs (1)', slow);
		s.keys('r');
		await s.see(/▶ backtest +[█░]+ +40% +day 2 of 5/, slow);

		// Enter on the live run opens its detail; its key bar (once r's answer has faded) offers c.
		s.keys('Tab', 'Enter');
		const detail = await s.see('status     running', slow);
		expect(detail).toContain('Run 1 · backtest');
		await s.see('Esc back · c cancel · R retry', slow);

		s.keys('c');
		await s.see('Cancel run 1 of backtest at 40%?', slow);
		s.keys('y');
		await s.see('cancelling backtest (run 1)', slow);
		// The detail follows the run to its end.
		await s.see('status     cancelled', slow);

		s.keys('c');
		await s.see('run 1 has ended (cancelled): nothing to cancel', slow);
		s.keys('Escape', 'q');
	}, 3 * slow);
});
