/**
 * A job past its `deadline` in the console, on a real scheduler with the clock in the test's hand
 * (2026-11-20 is a Friday, a trading day): once 17:30 passes without a success, its jobs panel row is
 * marked `!` and LAST says `deadline missed 17:30` (it said `never run`, nothing of the deadline); a
 * success clears it.
 */
import {describe, expect, it} from 'vitest';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();
const size = {columns: 120, rows: 30};

// The console opens at 17:10: close_report's 17:00 fire has passed (catch_up skips it), so it never starts.
const jobsYaml = `timezone: Asia/Shanghai
jobs:
  - {id: close_report, cron: "0 17 * * *", calendar: trading-days, command: ["true"], deadline: "17:30"}
  - {id: backup_db, cron: "30 2 * * *", command: ["true"]}
`;

describe('a job past its deadline in the console', () => {
	it('is marked in its row until it succeeds', async () => {
		const c = await open(jobsYaml, {size, now: Date.parse('2026-11-20T17:10:00+08:00')});
		// Given its deadline has not come yet: nothing said
		await c.see(/close_report .* never run/);
		expect(c.frame()).not.toContain('deadline');

		// When 17:30 passes without a success
		c.t.clock.advance(25 * 60_000);
		const row = await c.see(/! close_report .* deadline missed 17:30/);
		expect(row).toMatch(/● backup_db .* never run/);

		// When it succeeds: the mark is gone, LAST is its run again
		await c.run('close_report');
		const after = await c.see(/● close_report .* ✓ \S+ 17:35/);
		expect(after).not.toContain('deadline missed');
	});

	it('on a 60-column terminal the row says it in a narrowed LAST, not cut inside its words', async () => {
		const c = await open(jobsYaml, {size: {columns: 60, rows: 24}, now: Date.parse('2026-11-20T17:10:00+08:00')});
		await c.see(/close_rep.* never run/);
		c.t.clock.advance(25 * 60_000);
		const row = await c.see(/! close_rep\S* .* missed 17:30 *$/m);
		expect(row).not.toContain('misse…');
	});
});
