/**
 * `:runs` with a job of a long id (`full_market_daily_bars_sync_and_adjustment_factor_recompute`): the id
 * took 32 cells whatever the width and its cut ran into the trigger (`full_market_daily_bars_sync_and_…schedule`),
 * and at 80 columns DURATION's heading was cut (`DURATIO…`) and the error left out. The id takes a quarter of
 * the row at most (20 cells at 80 columns, 15 at 60), cut with … and a blank after it, as in the Running and
 * Failures panels. The list as Ink draws it, with runs as history gives them.
 */
import {renderedRows} from '../helpers/rendered-rows.js';
import {describe, expect, it} from 'vitest';
import type {RunSummary} from '../../src/protocol/snapshot.js';
import {RunsList} from '../../src/ui/overlays/runs-list.js';

const zone = 'Asia/Shanghai';
const at = Date.parse('2026-12-07T16:58:00+08:00');
const failed = (id: number, jobId: string, type: string, message: string): RunSummary => ({
	id, jobId, trigger: 'schedule', status: 'failed', scheduledAt: at, startedAt: at, finishedAt: at + 6100, durationMs: 6100, attempt: 1,
	error: {type, message},
});

const runs = [
	failed(406, 'full_market_daily_bars_sync_and_adjustment_factor_recompute', 'ExitCode', 'sh exited with code 3'),
	failed(404, 'flaky_feed', 'FeedError', 'news feed answered with HTML instead of JSON'),
];

function listRows(width: number): string[] {
	return renderedRows(<RunsList title="Runs · failed (2)" runs={runs} cursor={0} width={width} height={5} zone={zone}/>);
}

describe(':runs with a job of a long id', () => {
	it('at 80 columns cuts the id to a quarter of the row, a blank before TRIGGER, and shows every heading and the duration', () => {
		const rows = listRows(80);
		expect(rows[1]).toMatch(/^ +RUN +JOB +TRIGGER +SCHEDULED +DURATION +ERROR$/);
		expect(rows[2]).toMatch(/^› ✗ 406 +full_market_daily_b… schedule +12-07 16:58 +6\.1s +ExitCode/);
		expect(rows[3]).toMatch(/^ {2}✗ 404 +flaky_feed +schedule +12-07 16:58 +6\.1s +FeedError/);
	});

	it('at 60 columns the id is cut shorter and the duration still reads', () => {
		const rows = listRows(60);
		expect(rows[2]).toMatch(/^› ✗ 406 +full_market_da… schedule +12-07 16:58 +6\.1s$/);
	});
});
