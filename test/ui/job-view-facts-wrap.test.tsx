/**
 * A job's view wraps a fact too long for the row onto the rows under it, as a run's detail does,
 * instead of cutting it: at 80 columns its command read `command /usr/bin/p…` and a "why" note lost
 * its end (`(the scheduler was down o…`), the part that says what to do.
 */
import {describe, expect, it} from 'vitest';
import {keys} from '../helpers/keys.js';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();
const jobsYaml = `jobs:
  - id: py_import
    trigger: manual
    command: ["/usr/bin/python3", "scripts/import_prices_from_exchange.py", "--date", "{date}", "--source", "sse"]
`;

describe('a job\'s view at 80 columns', () => {
	it('wraps its command onto the next row under the facts, nothing cut', async () => {
		const c = await open(jobsYaml, {size: {columns: 80, rows: 24}});
		await c.see('Jobs (1)');
		await c.press(keys.enter);
		const view = await c.see(/schedule +manual/);
		const rows = view.split('\n');
		const at = rows.findIndex(row => row.includes(' schedule '));
		const command = rows.slice(at, at + 3).join(' ').replaceAll(/\s+/g, ' ');
		expect(command).toContain('command /usr/bin/python3 scripts/import_prices_from_exchange.py --date {date} --source sse');
		expect(rows[at]).not.toContain('…');
		// The continuation stands under the facts, not under the labels.
		expect(rows[at + 1]).toMatch(/^ {11}\S/);
		expect(view).toMatch(/ state +● active/);
	});
});
