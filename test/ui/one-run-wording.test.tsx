/**
 * A job run once today reads as one run, not "1 runs": in the header and in the job's view (its
 * success rate and its durations).
 */
import {describe, expect, it} from 'vitest';
import {keys} from '../helpers/keys.js';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();

const jobsYaml = `jobs:
  - id: backup_db
    trigger: manual
    command: ["true"]
`;

describe('one run in words', () => {
	it('the header says "today 1 run", the job view "1 of its one ended run" and "(1 run, oldest first)"', async () => {
		const c = await open(jobsYaml, {size: {columns: 120, rows: 30}});
		await c.run('backup_db');
		const header = await c.see(/today 1 run · 100% ok/);
		expect(header).not.toContain('1 runs');
		await c.press(keys.enter);
		const view = await c.see('(1 run, oldest first)');
		expect(view).toContain('1 of its one ended run (100%)');
		expect(view).not.toContain('1 runs');
	});
});
