/**
 * A run's detail heads its log with how many lines the console has: a run that has written one line so
 * far reads "the one line the console has", not "newest 1 lines".
 */
import {describe, expect, it} from 'vitest';
import {keys} from '../helpers/keys.js';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();

const jobsYaml = `jobs:
  - id: long_sleep
    trigger: manual
    command: ["sleep", "30"]
`;

describe('a live run\'s detail with one log line', () => {
	it('says "the one line", not "newest 1 lines"', async () => {
		const c = await open(jobsYaml, {size: {columns: 120, rows: 30}});
		await c.see('Jobs (1)');
		await c.press('r');
		await c.see('Running (1)');
		await c.press(keys.tab, keys.enter);
		const detail = await c.see(/log, .*the console has/);
		expect(detail).toContain('log, the one line the console has (all of it:');
		expect(detail).not.toContain('1 lines');
	});
});
