/**
 * The log panel of a narrow console (a 60-column tmux pane) with a job of a long id: the job column took
 * 24 cells whatever the width, leaving the message 25. It takes a quarter of the row at most (15 cells
 * at 60 columns), cut with …, as the Running and Failures panels do; a wide panel keeps its 24.
 */
import {describe, expect, it} from 'vitest';
import type {LogLine} from '../../src/core/log-line.js';
import {LogPanel} from '../../src/ui/panels/log-panel.js';
import {renderedRows} from '../helpers/rendered-rows.js';

const at = Date.parse('2026-11-20T09:31:05+08:00');
const lines: LogLine[] = [
	{time: at, level: 'info', msg: 'downloaded 5,212 daily bars for 2026-11-19 from the primary feed', jobId: 'full_market_daily_bars_sync'},
	{time: at + 1000, level: 'info', msg: 'rebalance done', jobId: 'rebalance'},
];
const numbered = lines.map((line, seq) => ({seq, line}));
const panelRows = (width: number) => renderedRows(<LogPanel lines={numbered} scope="all jobs" behind={0} focused={false} width={width} height={4}/>).slice(1);

describe('the log panel with a long job id', () => {
	it('gives the id a quarter of a 60-column row, so the message keeps the rest', () => {
		const [long, short] = panelRows(60);
		expect(long).toMatch(/^ 09:31:05 full_market_da… downloaded 5,212 daily bars for 2…$/);
		expect(short).toMatch(/^ 09:31:06 rebalance +rebalance done$/);
		// The messages start in one column.
		expect(short!.indexOf('rebalance done')).toBe(long!.indexOf('downloaded'));
	});

	it('keeps 24 cells for it on a wide panel', () => {
		const [long] = panelRows(140);
		expect(long).toMatch(/^ 09:31:05 full_market_daily_bars_… downloaded 5,212 daily bars for 2026-11-19 from the primary feed$/);
	});
});
