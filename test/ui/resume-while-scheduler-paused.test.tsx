/**
 * `p` on a paused job while the whole scheduler is paused (`sage-console pause --all`) resumes the job,
 * but nothing fires until the scheduler is resumed too. The status line said `resumed quotes` alone, as
 * if it would fire again; it now says that the whole scheduler is paused, and how to resume it.
 */
import {describe, expect, it} from 'vitest';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();
const jobsYaml = `jobs:
  - id: quotes
    cron: "*/5 * * * *"
    command: ["true"]
`;

describe('resuming a job while the whole scheduler is paused', () => {
	it('says the job still does not fire, and why', async () => {
		const c = await open(jobsYaml, {size: {columns: 120, rows: 30}});
		await c.see(/quotes .* 16:30 in 1m/);
		await c.press('p');
		await c.see(/›⏸ quotes /);
		c.t.scheduler.setSchedulerPaused(true);
		await c.see('⏸ scheduler paused');
		await c.press('p');
		const screen = await c.see('resumed quotes');
		expect(screen.replaceAll('\n', ' ')).toContain('resumed quotes; the whole scheduler is paused: nothing fires until sage-console resume --all');

		// With the scheduler running, a resume is said as before.
		c.t.scheduler.setSchedulerPaused(false);
		await c.gone('⏸ scheduler paused');
		await c.press('p');
		await c.see(/›⏸ quotes /);
		await c.press('p');
		await c.see(/^resumed quotes\s*$/m);
	});
});
