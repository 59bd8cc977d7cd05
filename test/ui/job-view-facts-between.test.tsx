/**
 * A job's view on a narrow terminal wraps a row of several facts between them, not inside one: at 60
 * columns its next fires read `… · 16:28:45` with `(in 15s) · …` on the row under it, a time torn
 * from its countdown (and `median` from its duration, `module` from its path).
 */
import {describe, expect, it} from 'vitest';
import {keys} from '../helpers/keys.js';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();
const jobsYaml = `jobs:
  - id: quotes_tick
    cron: "*/5 * * * * *"
    command: ["true"]
`;

describe('a job\'s view at 60 columns', () => {
	it('moves a next fire whole, with its countdown, to the next row', async () => {
		const c = await open(jobsYaml, {size: {columns: 60, rows: 20}});
		await c.see('Jobs (1)');
		await c.press(keys.enter);
		const view = await c.see(/ next +\d\d:\d\d:\d\d \(in/);
		const rows = view.split('\n');
		const from = rows.findIndex(row => row.startsWith(' next '));
		const to = rows.findIndex(row => row.startsWith(' success '));
		const next = rows.slice(from, to);
		expect(next.length).toBeGreaterThan(1);
		for (const row of next) {
			expect(row).toMatch(/^ (next {6}| {10})\d\d:\d\d:\d\d \(in \d+s\)( · \d\d:\d\d:\d\d \(in \d+s\))*$/);
		}
	});
});
