/**
 * The log's job column was as wide as the widest id among the lines shown: a long-id job's line
 * scrolling in or out moved every message on the panel sideways (a few times a minute on a busy box).
 * It is as wide as the widest job id of jobs.yaml (up to its cap of 24), whichever lines are shown.
 */
import {describe, expect, it} from 'vitest';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();
const longId = 'quarterly_statement_sync';
const jobsYaml = `jobs:
  - id: ${longId}
    trigger: manual
    command: ["sh", "-c", "echo statements synced"]
  - id: tick
    trigger: manual
    command: ["sh", "-c", "for i in $(seq 1 40); do echo line-$i; done"]
`;

describe('the log panel of all jobs', () => {
	it('keeps its job column as wide as the widest job id once that job\'s lines scrolled away', async () => {
		const c = await open(jobsYaml, {size: {columns: 100, rows: 30}});
		await c.see('Jobs (2)');
		await c.run(longId);
		await c.see('statements synced');
		await c.run('tick');
		const screen = await c.see(/■ tick succeeded/);
		const logRows = screen.split('\n').filter(row => / \d\d:\d\d:\d\d tick /.test(row));
		expect(logRows.length).toBeGreaterThan(3);
		expect(screen).not.toContain('statements synced');
		for (const row of logRows) {
			// The clock, then `tick` padded to the long id's 24 cells and a blank: the messages start where they did.
			expect(row).toMatch(new RegExp(`^[ ›]\\d\\d:\\d\\d:\\d\\d tick {${longId.length - 'tick'.length + 1}}\\S`));
		}
	});
});
