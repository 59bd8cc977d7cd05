/**
 * `b` with a range typed later day first says so and how to type it, not that a range is needed: the
 * operator had typed one (`2026-12-04 2026-12-01` was answered "backfill needs a date or a range").
 */
import {describe, expect, it} from 'vitest';
import {keys} from '../helpers/keys.js';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();

describe('the backfill prompt', () => {
	it('names a range given later day first, and what to type instead', async () => {
		const c = await open('jobs:\n  - {id: bars, trigger: manual, command: ["true"]}\n', {size: {columns: 120, rows: 30}});
		await c.see('Jobs (1)');
		await c.press('b');
		await c.see('backfill bars');
		await c.press('2026-11-06 2026-11-02', keys.enter);
		const screen = await c.see(/backfill: /);
		expect(screen).toContain('backfill: 2026-11-02 is before 2026-11-06: the earlier day first (2026-11-02 2026-11-06)');
		expect(c.t.store.query({jobId: 'bars'})).toEqual([]);
	});
});
