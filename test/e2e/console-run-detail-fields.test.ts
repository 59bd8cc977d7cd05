/**
 * A run's detail gives each of its log lines with the job's fields after the message
 * (`synced  symbol=600519.SH bars=136`), as the log panel, `run` and `logs` do: it gave the message
 * alone, so the failure's detail hid which symbol the job was on. The built console in tmux.
 */
import {describe, expect, it, onTestFinished} from 'vitest';
import {binary} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';
import {hasTmux, openTmuxSession} from '../helpers/tmux.js';

const slow = 60_000;

const files = {
	'config/jobs.yaml': 'jobs:\n  - {id: sync_bars, trigger: manual, module: jobs/sync-bars.js}\n',
	'jobs/sync-bars.js': `export default async function run(ctx) {
	ctx.log.info({symbol: '600519.SH', bars: 136}, 'synced');
	ctx.log.warn({symbol: '000001.SZ', status: 502}, 'feed refused');
	throw new Error('1 of 2 symbols not synced');
}
`,
};

describe.skipIf(!hasTmux)('a run\'s detail (tmux, 100×30)', () => {
	it('gives its log lines\' fields after their messages', async () => {
		const root = makeTempRoot(files);
		onTestFinished(() => {
			root.remove();
		});
		const s = openTmuxSession('detail-fields', `${binary} --root ${root.dir}; sleep 60`, 100, 30);
		await s.see('Jobs (1)', slow);
		s.keys('r');
		await s.see('Failures today (1)', slow);
		s.keys('f', 'Enter');
		const detail = await s.see(/log, newest \d+ lines the console has/, slow);
		expect(detail).toContain('Run 1 · sync_bars');
		expect(detail).toMatch(/^\d\d:\d\d:\d\d synced {2}symbol=600519\.SH bars=136$/m);
		expect(detail).toMatch(/^\d\d:\d\d:\d\d warn feed refused {2}symbol=000001\.SZ status=502$/m);
		s.keys('Escape', 'q');
	}, 3 * slow);
});
