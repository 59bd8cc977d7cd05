/**
 * n / N that find their line take back an earlier miss: `no newer line with "…"` on the status line
 * while the cursor sits on a match would tell the operator the search failed. The status is kept
 * for a minute here, so only the find can have cleared it.
 */
import {describe, expect, it} from 'vitest';
import {keys} from '../helpers/keys.js';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();

const jobsYaml = `jobs:
  - id: counter
    trigger: manual
    command: ["sh", "-c", "for i in $(seq 1 200); do echo line-$i; done; exit 3"]
`;

describe('a search that finds its line after a miss', () => {
	it('in the log: n after N ran past the newest match shows the match and no longer says the miss', async () => {
		const c = await open(jobsYaml, {statusMs: 60_000});
		await c.run('counter');
		await c.see('line-200');
		await c.press('l', '/', 'line-1', keys.enter);
		await c.see(/›\d\d:\d\d:\d\d counter\s+line-199/);
		await c.press('N');
		await c.see('no newer line with "line-1"');
		await c.press('n');
		const found = await c.see(/›\d\d:\d\d:\d\d counter\s+line-198/);
		expect(found).not.toContain('no newer line');
	});

	it('in a run\'s detail: n after a miss upward lands on the next line and no longer says the miss', async () => {
		const c = await open(jobsYaml, {statusMs: 60_000});
		await c.run('counter');
		await c.see('Failures today (1)');
		await c.press('f', keys.enter);
		await c.see('Run 1 · counter');
		await c.press('/', 'line-2', keys.enter);
		await c.press('N');
		await c.see('no earlier line with "line-2"');
		await c.press('n');
		// The view's first line is now line-20, the match after line-2.
		const found = await c.see(/Run 1 · counter ─+ \d+-\d+ of \d+\n\d\d:\d\d:\d\d line-20\n/);
		expect(found).not.toContain('no earlier line');
	});
});
