/**
 * A job with a long id at 80 columns: the Jobs panel drops the NAME column first, and the job view's
 * title (`Job <id> · <name>`) was cut inside the id, so the display name the operator knows the job by
 * was nowhere on the screen. It now has a row of its own under the title, whole.
 */
import {describe, expect, it} from 'vitest';
import {keys} from '../helpers/keys.js';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();
const longId = 'quarterly_financial_statement_synchronisation_for_all_listed';
const jobsYaml = `jobs:
  - id: ${longId}
    name: 季度财务报表同步任务（资产负债表）
    cron: "0 3 * * *"
    command: ["true"]
  - id: daily_bars
    name: 每日行情同步
    cron: "30 16 * * *"
    command: ["true"]
`;

describe('the job view of a job whose id fills the title', () => {
	it('shows the display name whole on a row of its own', async () => {
		const c = await open(jobsYaml, {size: {columns: 80, rows: 24}});
		await c.see('Jobs (2)');
		await c.press(keys.enter);
		const view = await c.see('last runs, newest first');
		expect(view).toMatch(/^ name\s+季度财务报表同步任务（资产负债表）/m);
		await c.press(keys.escape, keys.down, keys.enter);
		// A short id keeps the name in its title, and no row repeats it.
		const short = await c.see('Job daily_bars');
		expect(short).toContain('Job daily_bars · 每日行情同步');
		expect(short).not.toMatch(/^ name\s/m);
	});
});
