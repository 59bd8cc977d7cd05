/**
 * `c` in a live run's detail (Enter on the Running panel's row, where the operator reads a run that
 * seems stuck) asks `y/N` and cancels that run, as `c` on its row does; it did nothing. In the detail of
 * a run that ended it says there is nothing to cancel. The detail's key bar offers the keys that act on
 * its run: `c` while it goes, `R` once it has ended otherwise than well. The built console in tmux.
 */
import {describe, expect, it, onTestFinished} from 'vitest';
import {binary} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';
import {hasTmux, openTmuxSession} from '../helpers/tmux.js';

const slow = 60_000;
const bottomRow = (screen: string) => screen.trimEnd().split('\n').at(-1) ?? '';

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

		// Enter on the live run opens its detail; its key bar (once r's answer has faded) offers c, and not
		// R, which has nothing to retry in a run still going.
		s.keys('Tab', 'Enter');
		const detail = await s.see('status     running', slow);
		expect(detail).toContain('Run 1 · backtest');
		const liveBar = bottomRow(await s.see('Esc back · c cancel', slow));
		expect(liveBar).not.toContain('R retry');

		s.keys('c');
		await s.see('Cancel run 1 of backtest at 40%?', slow);
		s.keys('y');
		await s.see('cancelling backtest (run 1)', slow);
		// The detail follows the run to its end; its key bar then offers R, and no more c.
		await s.see('status     cancelled', slow);
		const endedBar = bottomRow(await s.see('Esc back · R retry', slow));
		expect(endedBar).not.toContain('c cancel');

		s.keys('c');
		await s.see('run 1 has ended (cancelled): nothing to cancel', slow);
		s.keys('Escape', 'q');
	}, 3 * slow);
});
