/**
 * The Failures panel an operator glances at all day, on an 80×24 pane with more failures than rows:
 * while the keyboard is elsewhere it shows the newest failures, and `f`, Enter opens the newest one,
 * not the day's first failure (which the cursor used to hold on to from the moment it arrived).
 */
import {describe, expect, it} from 'vitest';
import {keys} from '../helpers/keys.js';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();

const jobsYaml = `jobs:
  - id: import_fills
    trigger: manual
    command: ["sh", "-c", "echo 'broker file missing' >&2; exit 3"]
`;

/** The Failures panel's rows, title first, as the screen shows them. */
function failuresRows(frame: string): string[] {
	const rows = frame.split('\n');
	const title = rows.findIndex(row => row.includes('Failures today'));
	return rows.slice(title, -1);
}

describe('the Failures panel on a small terminal, with more failures than rows', () => {
	it('shows the newest failures while another panel has the keyboard, and f, Enter opens the newest', async () => {
		const c = await open(jobsYaml, {size: {columns: 80, rows: 24}, statusMs: 60_000});
		// Given: the day's first failure, seen by the console as it arrives, then nine more.
		await c.run('import_fills');
		await c.see('Failures today (1)');
		for (let i = 0; i < 9; i++) {
			c.t.clock.jump(60_000);
			await c.run('import_fills');
		}

		// When: the operator glances at the pane, the jobs panel having the keyboard.
		const screen = await c.see('Failures today (10)');
		const panel = failuresRows(screen);
		expect(panel.length).toBeLessThan(10);
		// Then: the newest failure is on the screen, at the top of the panel.
		expect(panel[1]).toMatch(/✗ \d\d:\d\d:\d\d run 10 +#1 +import_fills/);

		// f, Enter: the newest failure's detail.
		await c.press('f');
		await c.see(/›✗ \d\d:\d\d:\d\d run 10 /);
		await c.press(keys.enter);
		await c.see('Run 10 · import_fills');

		// Back in the panel, the cursor holds on to run 10 as a new failure arrives above it.
		await c.press(keys.escape);
		c.t.clock.jump(60_000);
		await c.run('import_fills');
		await c.see('Failures today (11)');
		expect(c.frame()).toMatch(/›✗ \d\d:\d\d:\d\d run 10 /);

		// Leaving the panel and coming back starts at the top again: the newest, run 11.
		await c.press('l', 'f');
		await c.see(/›✗ \d\d:\d\d:\d\d run 11 /);
	});
});
