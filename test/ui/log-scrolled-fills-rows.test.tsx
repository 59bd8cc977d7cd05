/**
 * The log scrolled back (`g`, the oldest line) stays on the lines being read while new ones arrive,
 * but rows it has to spare below them take the new lines: with a short log, `g` then a run's lines
 * left the panel showing its first 4 lines over 8 blank rows, titled "9 newer lines below".
 */
import {describe, expect, it} from 'vitest';
import {LogBuffer} from '../../src/ui/log-buffer.js';
import {logViewWindow} from '../../src/ui/log-day-window.js';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();
const jobsYaml = `jobs:
  - id: talk
    trigger: manual
    command: ["sh", "-c", "for i in 1 2 3 4 5 6; do echo said-$i; done"]
`;

describe('the log panel scrolled to its oldest line', () => {
	it('fills its blank rows with the lines that came after, keeping its top line', async () => {
		const c = await open(jobsYaml, {size: {columns: 100, rows: 40}});
		await c.see('Jobs (1)');
		await c.press('l', 'g');
		const before = await c.see(/▌Log/);
		const top = before.split('\n').find(row => /^.\d\d:\d\d:\d\d /.test(row));
		await c.run('talk');
		const after = await c.see('said-6');
		const rows = after.split('\n');
		// The top line read before is still the first, and the run's lines stand under it.
		expect(rows.find(row => /^.\d\d:\d\d:\d\d /.test(row))?.slice(1)).toBe(top?.slice(1));
		expect(after).toMatch(/said-1[\s\S]*said-6/);
		expect(after).not.toMatch(/newer lines? below/);
	});

	it('logViewWindow: a view ending at an early line of a short log reaches on to the newest lines while rows are left', () => {
		const tail = new LogBuffer(100);
		const at = Date.parse('2026-12-07T10:00:00+08:00');
		tail.append(Array.from({length: 5}, (_, i) => ({time: at + i, level: 'info' as const, msg: `line ${i}`})));

		const today = tail.dayAt(tail.newest)!;
		expect(logViewWindow(tail, 8, tail.oldest + 1, undefined, today).map(row => row.line.msg)).toEqual(['line 0', 'line 1', 'line 2', 'line 3', 'line 4']);
		// Full: the view ends where it was asked to.
		expect(logViewWindow(tail, 2, tail.oldest + 1, undefined, today).map(row => row.line.msg)).toEqual(['line 0', 'line 1']);
	});
});
