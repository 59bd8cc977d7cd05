/**
 * The job view (Enter) of a job past its `deadline`, on a real scheduler with the clock in the test's
 * hand (2026-11-20 is a Friday, a trading day): once 17:30 passes without a success it has a `deadline`
 * line saying the deadline was missed and since when (it said nothing of it); a success clears it.
 */
import {describe, expect, it} from 'vitest';
import {keys} from '../helpers/keys.js';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();

// The console opens at 17:10: close_report's 17:00 fire has passed (catch_up skips it), so it never starts.
const jobsYaml = `timezone: Asia/Shanghai
jobs:
  - {id: close_report, cron: "0 17 * * *", calendar: trading-days, command: ["true"], deadline: "17:30"}
`;

describe('the job view of a job past its deadline', () => {
	it('says the deadline was missed and since when, until it succeeds', async () => {
		const c = await open(jobsYaml, {size: {columns: 120, rows: 30}, now: Date.parse('2026-11-20T17:10:00+08:00')});
		await c.see(/close_report .* never run/);
		c.t.clock.advance(25 * 60_000);
		await c.see(/! close_report/);
		await c.press(keys.enter);
		// (How long ago is counted from the console's clock, which the test's clock reaches within a minute.)
		await c.see(/Job close_report[\s\S]*durations/);
		await c.see(/ deadline +missed 2026-11-20 17:30 \((?:just now|\dm ago)\), no success since/);
		await c.press(keys.escape);
		await c.see('Jobs (1)');

		await c.run('close_report');
		await c.see(/● close_report .* ✓ \S+ 17:35/);
		await c.press(keys.enter);
		const cleared = await c.see(/Job close_report[\s\S]*durations/);
		expect(cleared).not.toMatch(/deadline +missed/);
	});
});
