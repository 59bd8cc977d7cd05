/**
 * The `?` help's legend explains the red `!` of a job whose deadline was missed (`deadline missed 17:30`
 * in the Jobs panel) and of a run going on past its max_duration (`past max_duration 10m` in the Running
 * panel); it named neither. The help still fits in two columns at 100×30 and scrolls to it at 80×24 and
 * 60×20, where its footer, cut with `…` before, now says how to close it and the commands whole, leaving
 * out `help` and `q` (the help is open, q is a key).
 */
import {describe, expect, it} from 'vitest';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();
const jobsYaml = 'jobs:\n  - {id: hello, trigger: manual, command: ["true"]}\n';
const redMarks = /! +deadline missed; run past max_duration/;

describe('the help\'s legend of the red marks', () => {
	it('names ! in two columns at 100×30', async () => {
		const c = await open(jobsYaml, {size: {columns: 100, rows: 30}});
		await c.see('Jobs (1)');
		await c.press('?');
		const screen = await c.see(redMarks);
		expect(screen).not.toMatch(/↑↓ scroll · 1-/);
		for (const meaning of ['cursor; the panel with the keys', 'market state, needs attention', 'job idle', 'Esc or ? closes']) {
			expect(screen).toContain(meaning);
		}
	});

	for (const [columns, rows] of [[80, 24], [60, 20]] as const) {
		it(`names ! at ${columns}×${rows} in the scrolled help, its footer whole`, async () => {
			const c = await open(jobsYaml, {size: {columns, rows}});
			await c.see('Jobs (1)');
			await c.press('?');
			await c.see(/↑↓ scroll/);
			await c.press('G');
			const screen = await c.see(redMarks);
			expect(screen).toMatch(/↑↓ scroll · \d+-(\d+) of \1/);
			const footer = screen.split('\n').find(row => row.includes('Esc or ? closes'));
			expect(footer?.trimEnd()).toMatch(/ Esc or \? closes · :job ID · runs \[STATUS] \[ID] · failures( · help · q)?$/);
		});
	}
});
