/**
 * `r` or `p` in the log on one of the scheduler's own lines ("scheduler started with 1 jobs") says that
 * line names no job, as Enter there says it is no run's; it said "no job selected", with a job
 * selected in the Jobs panel above.
 */
import {describe, expect, it} from 'vitest';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();

describe('an action key on a scheduler line of the log', () => {
	it('says the line is the scheduler\'s own and runs nothing', async () => {
		const c = await open('jobs:\n  - {id: hello, trigger: manual, command: ["true"]}\n', {size: {columns: 120, rows: 30}});
		await c.see('scheduler started');
		await c.press('l', 'g', 'r');
		const screen = await c.see(/the selected log line is the scheduler's own/);
		expect(screen).not.toContain('no job selected');
		expect(screen).toContain('the selected log line is the scheduler\'s own, not a job\'s');
		expect(c.t.store.query({})).toEqual([]);
	});
});
