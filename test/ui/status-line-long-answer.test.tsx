/**
 * An answer wider than the terminal (a backfill refused, with its reason) goes on in a second row of
 * the status line instead of being cut at 80 columns; the screen stays within 80×24, and the panels
 * get their row back when the answer fades.
 */
import {describe, expect, it} from 'vitest';
import {keys} from '../helpers/keys.js';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();

describe('a long answer on the status line', () => {
	it('at 80×24, `b` for a day after today says the whole reason on two rows', async () => {
		const c = await open('jobs:\n  - {id: bars, trigger: manual, command: ["true"]}\n', {now: Date.parse('2026-12-07T10:00:00+08:00'), size: {columns: 80, rows: 24}, statusMs: 1000});
		await c.see('Jobs (1)');
		await c.press('b');
		await c.see('backfill bars');
		await c.press('2026-12-09', keys.enter);
		const screen = await c.see('backfill not queued');
		const rows = screen.split('\n');
		// The last row is left free, so 23 drawn at most; the answer is its last two.
		expect(rows.length).toBeLessThanOrEqual(23);
		const answer = rows.slice(-2).map(row => row.trim()).join(' ');
		expect(answer).toBe('backfill not queued: from 2026-12-09 is after today (2026-12-07 in Asia/Shanghai): a backfill runs past trading days');
		expect(rows.every(row => row.length <= 80)).toBe(true);
		expect(screen).toContain('Jobs (1)');
		// When it fades, the key bar is one row again and the failures panel is back on the row above it.
		const after = (await c.gone('backfill not queued')).split('\n');
		expect(after.length).toBe(rows.length);
		expect(after.at(-2)).toContain('none today');
	});
});
