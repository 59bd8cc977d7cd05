/**
 * A run going on past its job's `max_duration` in the console's running panel, on a real scheduler with
 * the clock in the test's hand: once it passes, its row is marked `!` and says `past max_duration 10m`
 * for as long as it goes on (the alert told it once; the row said nothing); a run within its limit is not.
 */
import {describe, expect, it} from 'vitest';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();

const jobsYaml = `jobs:
  - {id: train, trigger: manual, module: jobs/sleep.ts, params: {ms: 4000}, max_duration: 10m}
  - {id: fetch, trigger: manual, module: jobs/sleep.ts, params: {ms: 4000}, max_duration: 1h}
`;

describe('a run past its max_duration in the running panel', () => {
	it('is marked while it goes on', async () => {
		const c = await open(jobsYaml, {size: {columns: 120, rows: 30}, now: Date.parse('2026-11-20T10:00:00+08:00')});
		const train = c.t.scheduler.submit('train');
		const fetch = c.t.scheduler.submit('fetch');
		expect(train.ok && fetch.ok).toBe(true);
		await c.see(/▶ train .* run 1/);
		expect(c.frame()).not.toContain('max_duration');

		// When 11 minutes pass (the test's clock) and both still run
		c.t.clock.advance(11 * 60_000);
		const frame = await c.see(/! train .*past max_duration 10m/);
		expect(frame).toMatch(/▶ fetch /);
		expect(frame).not.toMatch(/fetch .*max_duration/);

		// Ended: gone with its row
		await c.t.scheduler.whenFinished(train.ok ? train.run.id : 0);
		await c.t.scheduler.whenFinished(fetch.ok ? fetch.run.id : 0);
		await c.gone('past max_duration');
	});
});
