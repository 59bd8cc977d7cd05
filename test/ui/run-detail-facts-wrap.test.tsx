/**
 * A run's detail on a narrow terminal wraps its first line (job, run, trigger and attempt, trade date)
 * between those facts, not inside one: at 60 columns it read `… schedule, attempt 1   trade` with
 * `date 2026-11-20` on the row under it, a label torn from its value.
 */
import {describe, expect, it} from 'vitest';
import {keys} from '../helpers/keys.js';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();
const jobsYaml = `jobs:
  - id: flaky_feed
    trigger: manual
    command: ["sh", "-c", "echo feed down >&2; exit 3"]
`;

describe('a run\'s detail at 60 columns', () => {
	it('moves the trade date whole to the next row', async () => {
		const c = await open(jobsYaml, {size: {columns: 60, rows: 20}});
		await c.see('Jobs (1)');
		await c.press('r');
		await c.see(/Failures today \(1\)/);
		await c.press('f', keys.enter);
		const detail = await c.see(/status +failed/);
		const rows = detail.split('\n');
		const at = rows.findIndex(row => row.startsWith('job '));
		expect(rows[at]).toMatch(/^job +flaky_feed +run \d+ +manual, attempt 1$/);
		expect(rows[at + 1]).toMatch(/^ {11}trade date \d{4}-\d\d-\d\d$/);
	});
});
