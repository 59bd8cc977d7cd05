/**
 * A live run's row in the Running panel on a narrow terminal keeps its progress bar whole and shortens its
 * last message with `…` to the cells the columns after it leave. At 60 columns the elapsed time, run id
 * and attempt took 22 cells at fixed widths, and the message was left none: it vanished after the bar.
 */
import {describe, expect, it} from 'vitest';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();
const jobsYaml = `jobs:
  - id: backtest_daily
    trigger: manual
    command: ["sh", "-c", "echo '::progress 0.42 symbol 600519.SH 42 of 100'; sleep 30"]
`;

/** The run's row: the first below the Running panel's title (the Jobs panel has a row for the job too). */
function runningRow(screen: string): string {
	const rows = screen.split('\n');
	return rows[rows.findIndex(row => row.includes('Running (1)')) + 1] ?? '';
}

describe('a live run\'s message on a narrow terminal', () => {
	it('at 60 columns is shortened with …, the bar kept whole', async () => {
		const c = await open(jobsYaml, {size: {columns: 60, rows: 20}});
		await c.see('Jobs (1)');
		c.t.scheduler.submit('backtest_daily');
		const row = runningRow(await c.see('42%'));
		// The bar is a fifth of the width (12 cells), 42% of it filled.
		expect(row).toMatch(/▶ backtest_daily +█{5}░{7} +42% +symbol 6\S*… +\d+s +run 1$/);
		expect(row.length).toBeLessThanOrEqual(60);
	});

	it('at 100 columns is whole', async () => {
		const c = await open(jobsYaml, {size: {columns: 100, rows: 30}});
		await c.see('Jobs (1)');
		c.t.scheduler.submit('backtest_daily');
		const row = runningRow(await c.see('42%'));
		expect(row).toMatch(/▶ backtest_daily +█+░+ +42% +symbol 600519\.SH 42 of 100 +\d+s +run 1$/);
	});
});
