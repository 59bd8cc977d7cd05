/**
 * The console on small terminals: at 80×24 the key bar keeps `? help`; below the size the panels
 * need, one line says so instead of panels cut to garbage.
 */
import {stripAnsi} from '../helpers/rendered-rows.js';
import {describe, expect, it} from 'vitest';
import {keyBar} from '../../src/ui/keymap.js';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();
const jobsYaml = `jobs:
  - {id: sync_daily_bars, name: 每日行情同步, cron: "30 16 * * *", calendar: trading-days, module: jobs/ok.ts}
  - {id: tick, cron: "*/5 * * * *", command: ["true"]}
  - {id: sleepy, trigger: manual, module: jobs/hangs.ts}
`;

describe('the console on a small terminal', () => {
	it('at 80×24 the key bar leaves out what matters least and keeps ? help and q quit whole', async () => {
		const c = await open(jobsYaml, {size: {columns: 80, rows: 24}});
		const rows = stripAnsi(await c.see('Jobs (3)')).split('\n');
		const bar = rows.find(row => row.startsWith('Tab panel'))!;
		expect(bar).toBe('Tab panel · Enter open · r run · p pause · f failures · / find · ? help · q quit');
		// Every panel's bar fits 80 columns and ends with the help, whichever panel has the keyboard.
		for (const place of ['jobs', 'running', 'services', 'log', 'failures', 'detail', 'job', 'service', 'runs'] as const) {
			expect(keyBar(place, 80).length, place).toBeLessThanOrEqual(80);
			expect(keyBar(place, 80), place).toContain('? help');
		}

		// The log's long bar too, as the status line draws it.
		await c.press('l');
		await c.see('▌Log');
		expect(stripAnsi(c.frame())).toMatch(/Tab panel · Enter open · \/ find · \? help · q quit\n?$/);
	});

	it('at 80×24 a display name with no room left is left out rather than cut to a cell (t…)', async () => {
		const c = await open(jobsYaml, {size: {columns: 80, rows: 24}});
		const screen = stripAnsi(await c.see('Jobs (3)'));
		// NEXT takes only the cells its times need (12 here): the rest goes to the names, cut to 5 cells, not 1.
		expect(screen).toMatch(/ID\s+NAME\s+SCHEDULE\s+NEXT\s+LAST/);
		expect(screen).toContain('每日行情同…');
		expect(screen).toContain('daily 16:30 · trading days');
		expect(screen).not.toMatch(/ t… /);
	});

	it('at 60×8 and 40×12 one line says the terminal is too small and what it needs, in the same words; q still works', async () => {
		for (const [columns, rows, line] of [
			[60, 8, 'terminal too small (60×8): needs 60×13'],
			[40, 12, 'terminal too small (40×12): needs 60×13'],
		] as const) {
			const c = await open(jobsYaml, {size: {columns, rows}});
			const screen = stripAnsi(await c.see(line));
			expect(screen, `${columns}×${rows}`).not.toContain('Jobs (3)');
			expect(screen.split('\n').every(row => row.length <= columns), `${columns}×${rows}`).toBe(true);
			expect(screen, `${columns}×${rows}`).toContain('? help');
			await c.press('q');
			expect(c.quits, `${columns}×${rows}`).toHaveLength(1);
		}
	});
});
