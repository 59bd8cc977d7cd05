/**
 * The `?` help's legend explains the glyphs a heartbeat job's LAST shows (`✓ up 15:02`, `✗ down: fail`,
 * `⧗ late 15:02`, `· new, started 15:02`), which it named as run results only; they share the runs'
 * rows, so the help still fits in two columns at 100×30 (keys side by side, no scroll), and the
 * scrolled help at 80×24 ends with them too.
 */
import {describe, expect, it} from 'vitest';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();
const jobsYaml = 'jobs:\n  - {id: py_macro_export, cron: "0 18 * * *", heartbeat: true, grace: 30m}\n';

describe('the help\'s legend for heartbeat jobs', () => {
	it('names ✓ ✗ ⧗ · as a heartbeat\'s up, down, late and new, in two columns at 100×30', async () => {
		const c = await open(jobsYaml, {size: {columns: 100, rows: 30}});
		await c.see('Jobs (1)');
		await c.press('?');
		const screen = await c.see('heartbeat new');
		expect(screen).toMatch(/✓ ✗ +succeeded, failed; heartbeat up, down/);
		expect(screen).toMatch(/⧗ ⊘ +timed out, cancelled; heartbeat late/);
		expect(screen).toMatch(/· +skipped \(busy, limits\); heartbeat new/);
		expect(screen).not.toMatch(/↑↓ scroll · 1-/);
		for (const meaning of ['cursor; the panel with the keys', 'market state, needs attention', 'paused (p resumes)', 'Esc or ? closes']) {
			expect(screen).toContain(meaning);
		}
	});

	it('names them at 80×24 in the scrolled help', async () => {
		const c = await open(jobsYaml, {size: {columns: 80, rows: 24}});
		await c.see('Jobs (1)');
		await c.press('?');
		await c.see(/↑↓ scroll/);
		await c.press('G');
		const screen = await c.see('heartbeat new');
		expect(screen).toMatch(/✓ ✗ +succeeded, failed; heartbeat up, down/);
		expect(screen).toMatch(/⧗ ⊘ +timed out, cancelled; heartbeat late/);
		expect(screen).toMatch(/· +skipped \(busy, limits\); heartbeat new/);
		expect(screen).toContain('Esc or ? closes');
	});
});
