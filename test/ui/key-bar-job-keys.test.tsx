/**
 * The log panel's and the Failures panel's key bars name `r` and `p`, which act there on the line's
 * job, where the row has room for them: the Failures panel's at 80 columns, the log's at 100 (at 80 its
 * own keys, scrolling and finding, fill the row).
 */
import {describe, expect, it} from 'vitest';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();
const jobsYaml = `jobs:
  - id: refresh_quotes
    cron: "*/5 * * * *"
    command: ["sh", "-c", "echo quotes"]
`;

const bottomRow = (frame: string) => frame.trimEnd().split('\n').at(-1) ?? '';

describe('the key bars of the log and the Failures panel', () => {
	it('name r run and p pause in the Failures panel at 80 columns', async () => {
		const c = await open(jobsYaml, {size: {columns: 80, rows: 24}});
		await c.see('Jobs (1)');
		await c.press('f');
		const frame = await c.see('R retry');
		expect(bottomRow(frame)).toContain('r run · p pause · R retry');
	});

	it('name r run and p pause in the log panel at 100 columns', async () => {
		const c = await open(jobsYaml, {size: {columns: 100, rows: 30}});
		await c.see('Jobs (1)');
		await c.press('l');
		const frame = await c.see('End newest');
		expect(bottomRow(frame)).toContain('Enter open · r run · p pause');
	});
});
