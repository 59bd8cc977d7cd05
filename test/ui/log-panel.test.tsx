import {stripAnsi} from '../helpers/rendered-rows.js';
import chalk from 'chalk';
import {render} from 'ink-testing-library';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {LogLine} from '../../src/core/log-line.js';
import type {NumberedLine} from '../../src/ui/log-buffer.js';
import {LogPanel} from '../../src/ui/panels/log-panel.js';
import {logLineText} from '../../src/cli/log-line-text.js';
import {logFieldsText, tailFieldsChars, tailFieldsText} from '../../src/log/log-fields-text.js';

const at = Date.parse('2026-11-20T09:31:05+08:00');
const numbered = (list: LogLine[]): NumberedLine[] => list.map((line, seq) => ({seq, line}));
const lines: LogLine[] = [
	{time: at, level: 'info', msg: 'fetched 5,212 quotes', jobId: 'fetch_daily'},
	{time: at + 1000, level: 'warn', msg: '行情源慢 (1.8 s)', jobId: 'quotes'},
	{time: at + 2000, level: 'error', msg: 'order gateway refused: 401', jobId: 'rebalance'},
	{time: at + 3000, level: 'info', msg: '✓ tick finished'},
];

// Colour as on a terminal: chalk's level decides whether Ink and the panel write colour codes at all.
let savedLevel: typeof chalk.level;
beforeEach(() => {
	savedLevel = chalk.level;
	chalk.level = 1;
});
afterEach(() => {
	chalk.level = savedLevel;
});


function rowsOf(frame: string): string[] {
	return frame.split('\n').slice(1);
}

describe('log panel', () => {
	it('shows each line as clock, job and message, oldest first, on a row of its own', () => {
		const ui = render(<LogPanel lines={numbered(lines)} scope="all jobs" behind={0} focused={false} width={90} height={6}/>);
		const rows = rowsOf(stripAnsi(ui.lastFrame() ?? ''));
		expect(rows[0]).toMatch(/^ 09:31:05 fetch_daily +fetched 5,212 quotes$/);
		expect(rows[1]).toMatch(/^ 09:31:06 quotes +行情源慢 \(1\.8 s\)$/);
		expect(rows[2]).toMatch(/^ 09:31:07 rebalance +order gateway refused: 401$/);
		expect(rows[3]).toMatch(/^ 09:31:08 scheduler +✓ tick finished$/);
		ui.unmount();
	});

	it('colours the clock grey, the job cyan and the message by level: warnings yellow, errors red', () => {
		const ui = render(<LogPanel lines={numbered(lines)} scope="all jobs" behind={0} focused={false} width={90} height={6}/>);
		const rows = rowsOf(ui.lastFrame() ?? '');
		const grey = '\u001B[90m';
		const cyan = '\u001B[36m';
		expect(rows[0]).toContain(`${grey}09:31:05`);
		expect(rows[0]).toContain(`${cyan}fetch_daily`);
		expect(rows[0]).not.toMatch(/\u001B\[3[13]m/);
		expect(rows[1]).toContain('\u001B[33m行情源慢');
		expect(rows[2]).toContain('\u001B[31morder gateway refused: 401');
		expect(rows[3]).not.toMatch(/\u001B\[3[13]m/);
		ui.unmount();
	});

	it('cuts a message too long for the panel with an ellipsis instead of wrapping it onto the next row; job ids stay whole', () => {
		const long: LogLine[] = [{time: at, level: 'error', msg: `connection reset ${'x'.repeat(200)}`, jobId: 'rebalance'}, lines[0]!];
		const ui = render(<LogPanel lines={numbered(long)} scope="all jobs" behind={0} focused={false} width={60} height={4}/>);
		const rows = rowsOf(stripAnsi(ui.lastFrame() ?? ''));
		expect(rows[0]).toMatch(/^ 09:31:05 rebalance +connection reset x+…$/);
		expect(rows[0]!.length).toBeLessThanOrEqual(60);
		expect(rows[1]).toMatch(/^ 09:31:05 fetch_daily fetched/);
		ui.unmount();
	});

	it('shows a line\'s fields after its message, dimmed, so lines with the same message tell apart; cut to the panel', () => {
		const synced: LogLine[] = ['600519.SH', '000001.SZ'].map((symbol, index) => ({
			time: at + index, level: 'info', msg: 'synced', fields: tailFieldsText({symbol, bars: 136 + index, latest: {close: 1520.5}}), jobId: 'sync_daily_bars',
		}));
		const ui = render(<LogPanel lines={numbered(synced)} scope="all jobs" behind={0} focused={false} width={70} height={4}/>);
		const coloured = rowsOf(ui.lastFrame() ?? '');
		const rows = coloured.map(stripAnsi);
		expect(rows[0]).toBe(' 09:31:05 sync_daily_bars synced  symbol=600519.SH bars=136 latest={"…');
		expect(rows[1]).toMatch(/^ 09:31:05 sync_daily_bars synced {2}symbol=000001\.SZ bars=137 /);
		expect(rows.every(row => row.length <= 70)).toBe(true);
		expect(coloured[0]).toContain('\u001B[2msymbol=600519.SH');
		ui.unmount();
	});
});

describe('a log line\'s fields in words', () => {
	it('reads as the CLI prints them: strings bare, the rest JSON, standard keys left out', () => {
		const record = {level: 30, time: at, pid: 1, hostname: 'box', jobId: 'j', runId: 3, msg: 'synced', symbol: '600519.SH', bars: 136, ok: true};
		expect(logFieldsText(record)).toBe('symbol=600519.SH bars=136 ok=true');
		expect(logLineText(JSON.stringify(record), 'Asia/Shanghai')).toBe('09:31:05 INFO  synced  symbol=600519.SH bars=136 ok=true');
		expect(tailFieldsText({msg: 'x'})).toBeUndefined();
		expect(tailFieldsText({rows: 'x'.repeat(10_000)})!.length).toBe(tailFieldsChars);
	});
});
