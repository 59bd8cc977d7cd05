/**
 * A job that fails all day (quotes every few minutes while the feed is down) fails more than the 100
 * runs the scheduler sends the console. The Failures panel's title then says how many it shows of how
 * many, as the header counts them, instead of "Failures today (100)" beside "103 failed".
 */
import {describe, expect, it} from 'vitest';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();

const jobsYaml = `jobs:
  - id: refresh_quotes
    trigger: manual
    command: ["sh", "-c", "if [ -f feed-up ]; then echo quotes refreshed; exit 0; fi; echo 'quote feed down' >&2; exit 3"]
`;

describe('the Failures panel past the 100 failures the console is sent', () => {
	it('says "newest 100 of 103", as the header says "103 failed"', async () => {
		const c = await open(jobsYaml, {size: {columns: 120, rows: 30}});
		for (let i = 0; i < 103; i++) {
			c.t.clock.jump(1000);
			await c.run('refresh_quotes');
		}

		const screen = await c.see('103 failed');
		expect(screen).toContain('Failures today (newest 100 of 103)');
		expect(screen).toMatch(/✗ \d\d:\d\d:\d\d run 103 +#1 +refresh_quotes/);
	}, 120_000);

	it('at 80 columns, a title too long for its note beside it leaves the note out rather than cutting it', async () => {
		const c = await open(jobsYaml, {size: {columns: 80, rows: 24}});
		for (let i = 0; i < 103; i++) {
			c.t.clock.jump(1000);
			await c.run('refresh_quotes');
		}

		// The feed is back: a run succeeds, every failure before it is recovered, and the title grows.
		c.t.root.write('feed-up', '');
		c.t.clock.jump(1000);
		await c.run('refresh_quotes');
		// The console may draw the recovery before the last failure's count reaches it: wait for both.
		await c.see('of 103, 100 recovered');
		const title = c.frame().split('\n').find(row => row.includes('Failures today')) ?? '';
		expect(title).toContain('Failures today (newest 100 of 103, 100 recovered)');
		expect(title).not.toContain('…');
	}, 120_000);
});
