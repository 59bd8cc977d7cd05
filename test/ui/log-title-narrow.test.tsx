/**
 * The Log panel's title at 60 columns, scrolled back: its note (`N newer lines below · End: newest`,
 * what says the log is not following) stays whole and the `(a: the selected job)` hint gives way, where
 * it read `Log · all jobs (a: the selected job)  30 newer lines belo…`.
 */
import {describe, expect, it} from 'vitest';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();
const jobsYaml = `jobs:
  - id: chatty
    trigger: manual
    command: ["sh", "-c", "for i in $(seq 1 30); do echo line $i; done"]
`;

describe('the Log panel\'s title at 60 columns', () => {
	it('keeps "newer lines below · End: newest" whole, leaving out the a hint', async () => {
		const c = await open(jobsYaml, {size: {columns: 60, rows: 20}});
		await c.see('Jobs (1)');
		await c.run('chatty');
		await c.see('line 30');
		await c.press('l', 'g');
		const screen = await c.see(/newer lines? below/);
		const title = screen.split('\n').find(row => row.includes('Log ·')) ?? '';
		expect(title).toMatch(/Log · all jobs ─+ \d+ newer lines below · End: newest$/);
		await c.press('G');
		const following = await c.gone(/newer lines? below/);
		expect(following).toMatch(/Log · all jobs ─+ Enter: run · \/: search\n/);
		// Following the newest with another panel focused, its short note leaves room for the hint again.
		await c.press('f');
		await c.see(/Log · all jobs \(a: the selected job\) ─+ newest\n/);
	});
});
