/**
 * The `?` help's last row says how to close it. At 80 columns the row, `Commands (:) … · Esc or ? closes`,
 * was cut to `Esc or ? clo…`: how to leave the help was the part lost. It is said first there instead.
 */
import {describe, expect, it} from 'vitest';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();
const jobsYaml = 'jobs:\n  - {id: hello, trigger: manual, command: ["true"]}\n';

describe('the help\'s footer', () => {
	for (const [columns, rows] of [[80, 24], [60, 20], [120, 40]] as const) {
		it(`says whole how to close the help, and the commands where they fit, at ${columns}×${rows}`, async () => {
			const c = await open(jobsYaml, {size: {columns, rows}});
			await c.see('Jobs (1)');
			await c.press('?');
			const screen = await c.see(/Keys/);
			const footer = screen.split('\n').find(row => row.includes('Esc or ? closes'));
			expect(footer).toBeDefined();
			expect(footer).toContain('job ID · runs');
			if (columns >= 80) {
				expect(footer).toMatch(/job ID · runs \[STATUS] \[ID] · failures · help · q\b/);
			}
		});
	}
});
