/**
 * `b` for one day the exchange is closed says that day is not a trading day, not "no trading days from
 * 2026-11-15 to 2026-11-15" (a range the operator never typed).
 */
import {describe, expect, it} from 'vitest';
import {keys} from '../helpers/keys.js';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();

describe('the backfill prompt, one closed day', () => {
	it('says the day is not a trading day; a range with none still names the range', async () => {
		const c = await open('jobs:\n  - {id: bars, trigger: manual, command: ["true"]}\n', {size: {columns: 120, rows: 30}});
		await c.see('Jobs (1)');
		await c.press('b');
		await c.see('backfill bars');
		await c.press('2026-11-15', keys.enter);
		const screen = await c.see(/not a trading day/);
		expect(screen).toContain('2026-11-15 is not a trading day: nothing to backfill');
		await c.press('b');
		await c.see('backfill bars');
		await c.press('2026-11-14 2026-11-15', keys.enter);
		await c.see('no trading days from 2026-11-14 to 2026-11-15');
	});
});
