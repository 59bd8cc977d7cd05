/**
 * The line being typed, longer than the row: a search at 60 columns for a line of the job's Chinese
 * output showed its start and cut the rest (`/ search: 处理批次 6：已写入日线 4500 条，复权因子 4500 条…`), so
 * what was typed last and the cursor were off the screen; a backfill of a job with a long id at 80
 * columns showed none of the dates typed. The row shows the end of the text, where the typing is, cut
 * with `…` before it.
 */
import {describe, expect, it} from 'vitest';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();
const longId = 'full_market_daily_bars_sync_and_adjustment_factor_recompute';
const jobsYaml = `jobs:
  - id: ${longId}
    trigger: manual
    command: ["sh", "-c", "echo 处理批次 6：已写入日线 4500 条，复权因子 4500 条，耗时 120ms"]
`;

/** The status line: the bottom row drawn (the one under it is left free). */
const statusRow = (screen: string) => screen.split('\n').at(-1) ?? '';

describe('the line being typed, longer than the row', () => {
	it('a search at 60 columns shows what was typed last and the cursor', async () => {
		const c = await open(jobsYaml, {size: {columns: 60, rows: 20}});
		await c.see('Jobs (1)');
		await c.press('l', '/', '处理批次 6：已写入日线 4500 条，复权因子 4500 条，耗时 120');
		const screen = await c.see(/\/ search: /);
		expect(statusRow(screen)).toMatch(/^\/ search: ….*耗时 120▌$/);
	});

	it('a backfill of a job with a long id at 80 columns shows the dates typed', async () => {
		const c = await open(jobsYaml, {size: {columns: 80, rows: 24}});
		await c.see('Jobs (1)');
		await c.press('b', '2026-11-02 2026-11-06');
		const screen = await c.see(/for trading days/);
		expect(statusRow(screen)).toMatch(/2026-11-02 2026-11-06▌/);
	});
});
