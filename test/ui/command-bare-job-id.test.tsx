/**
 * The `:` command line's help says `job ID`; `:daily_bars` (the id alone) answered `unknown command
 * "daily_bars"`, only `:job daily_bars` opened it. The id alone, or the start of only one id, opens the
 * job's view now; anything else is still unknown.
 */
import {describe, expect, it} from 'vitest';
import {keys} from '../helpers/keys.js';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();
const jobsYaml = `jobs:
  - id: daily_bars
    name: 每日行情同步
    cron: "30 16 * * *"
    command: ["true"]
  - id: weekly_report
    cron: "0 9 * * 1"
    command: ["true"]
`;

describe('a job id alone on the : command line', () => {
	it('opens that job, and still refuses what names no job', async () => {
		const c = await open(jobsYaml, {size: {columns: 100, rows: 30}});
		await c.see('Jobs (2)');
		await c.press(':', ...'weekly_report', keys.enter);
		await c.see('▌Job weekly_report');
		await c.press(keys.escape, ':', ...'daily', keys.enter);
		await c.see('▌Job daily_bars · 每日行情同步');
		await c.press(keys.escape, ':', ...'nonsense', keys.enter);
		const screen = await c.see('unknown command "nonsense"');
		expect(screen).toContain('Jobs (2)');
	});
});
