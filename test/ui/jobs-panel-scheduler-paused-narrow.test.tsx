/**
 * With the whole scheduler paused (`sage-console pause --all`), NEXT says so. At 80 columns, with a long
 * id beside it, NEXT has 14 cells and read `⏸ scheduler p…`; it now says `⏸ all paused`, whole.
 */
import {describe, expect, it} from 'vitest';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();
const jobsYaml = `jobs:
  - id: quarterly_financial_statement_sync_job
    cron: "0 3 * * *"
    command: ["true"]
  - id: quotes
    cron: "*/5 * * * *"
    command: ["true"]
`;

describe('NEXT of a job the paused scheduler holds, at 80 columns', () => {
	it('says the whole scheduler is paused in the cells it has', async () => {
		const c = await open(jobsYaml, {size: {columns: 80, rows: 24}});
		await c.see(/quotes .* 16:30 in 1m/);
		c.t.scheduler.setSchedulerPaused(true);
		const screen = await c.see(/quotes .*⏸ /);
		const row = screen.split('\n').find(line => / quotes /.test(line)) ?? '';
		expect(row).toMatch(/ ⏸ all paused +never run/);
		expect(row).not.toContain('…');
	});
});
