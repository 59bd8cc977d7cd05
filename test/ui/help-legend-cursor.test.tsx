/**
 * The `?` help's legend names every glyph docs/console.md lists, the cursor `›` and the `▌` of the panel
 * that has the keyboard among them (they were left out), keeping the help in two columns at 100×30
 * and reachable by scrolling at 80×24.
 */
import {describe, expect, it} from 'vitest';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();
const jobsYaml = 'jobs:\n  - {id: hello, trigger: manual, command: ["true"]}\n';

describe('the help\'s legend', () => {
	it('names › and ▌ in two columns at 100×30, every other glyph still there', async () => {
		const c = await open(jobsYaml, {size: {columns: 100, rows: 30}});
		await c.see('Jobs (1)');
		await c.press('?');
		const screen = await c.see('cursor; the panel with the keys');
		expect(screen).toMatch(/› ▌ +cursor; the panel with the keys/);
		// Two columns: the keys side by side (no scroll count in the title), the legend in two halves.
		expect(screen).not.toMatch(/↑↓ scroll · 1-/);
		expect(screen).toMatch(/job idle.*\S.*\s{2}\S+ +\S/);
		for (const meaning of ['market state, needs attention', 'service starting, stopping', 'succeeded, failed']) {
			expect(screen).toContain(meaning);
		}

		expect(screen).toContain('Esc or ? closes');
	});

	it('names › and ▌ at 80×24 at the end of the scrolled help', async () => {
		const c = await open(jobsYaml, {size: {columns: 80, rows: 24}});
		await c.see('Jobs (1)');
		await c.press('?');
		await c.see(/↑↓ scroll/);
		await c.press('G');
		const screen = await c.see('cursor; the panel with the keys');
		expect(screen).toMatch(/› ▌ +cursor; the panel with the keys/);
		// The end is reached: the last line is shown, each glyph apart from its meaning.
		expect(screen).toMatch(/↑↓ scroll · \d+-(\d+) of \1/);
		expect(screen).toMatch(/✓ ✗ +succeeded, failed/);
		expect(screen).toContain('Esc or ? closes');
	});
});
