/**
 * A job with a long id (`full_market_daily_bars_sync_and_adjustment_factor_recompute`) failed, and the
 * Failures panel gave its id 32 cells whatever the width: at 60 columns the error was left two cells
 * (`E…`), at 80 it read `ExitCode: sh exited w…`. The id takes a quarter of the row at most (15 cells at
 * 60 columns, 20 at 80, cut with …), as in the Running panel, and the error reads. The panel as Ink
 * draws it, with failures as the snapshot gives them.
 */
import {renderedRows} from '../helpers/rendered-rows.js';
import {describe, expect, it} from 'vitest';
import type {RunSummary} from '../../src/protocol/snapshot.js';
import {FailuresPanel} from '../../src/ui/panels/failures-panel.js';

const zone = 'Asia/Shanghai';
const now = Date.parse('2026-12-07T16:47:26+08:00');
const failure = (id: number, jobId: string, type: string, message: string): RunSummary => ({
	id, jobId, trigger: 'schedule', status: 'failed', scheduledAt: now - 6000, startedAt: now - 6000, finishedAt: now, durationMs: 6000, attempt: 1,
	error: {type, message},
});

const failures = [
	{run: failure(116, 'full_market_daily_bars_sync_and_adjustment_factor_recompute', 'ExitCode', 'sh exited with code 3: 行情接口返回异常数据'), recovered: false},
	{run: failure(113, 'flaky_feed', 'FeedError', 'news feed answered with HTML instead of JSON'), recovered: false},
];

function panelRows(width: number): string[] {
	return renderedRows(<FailuresPanel failures={failures} cursor={0} focused={false} width={width} height={3} zone={zone}/>);
}

describe('the Failures panel with a long job id', () => {
	it('at 60 columns cuts the id to a quarter of the row and keeps the error readable', () => {
		const rows = panelRows(60);
		expect(rows[1]).toMatch(/^ ✗ 16:47:26 run 116 +#1 +full_market_da… ExitCode: sh exite…$/);
		expect(rows[2]).toMatch(/^ ✗ 16:47:26 run 113 +#1 +flaky_feed +FeedError: news fe…$/);
	});

	it('at 80 columns the error reads past its type', () => {
		const rows = panelRows(80);
		expect(rows[1]).toMatch(/^ ✗ 16:47:26 run 116 +#1 +full_market_daily_b… ExitCode: sh exited with code 3: …/);
	});

	it('at 120 columns an id of up to 30 cells is not cut', () => {
		const rows = renderedRows(<FailuresPanel failures={[{run: failure(7, 'rebuild_adjustment_factors_all', 'Error', 'disk full'), recovered: false}]} cursor={0} focused={false} width={120} height={2} zone={zone}/>);
		expect(rows[1]).toMatch(/^ ✗ 16:47:26 run 7 +#1 +rebuild_adjustment_factors_all Error: disk full/);
	});
});
