/**
 * A job whose only live run waits for a slot (max_parallel, a queue's limit) shows `…` in the jobs
 * panel, the legend's "queued (waiting for a slot)", as the Running panel's row does; it showed `▶`,
 * running, beside `… steps_job queued` below.
 */
import {describe, expect, it} from 'vitest';
import {keys} from '../helpers/keys.js';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();
const jobsYaml = `max_parallel: 1
jobs:
  - {id: first, trigger: manual, command: ["sleep", "30"]}
  - {id: second, trigger: manual, command: ["sleep", "30"]}
`;

describe('a queued job in the jobs panel', () => {
	it('shows … while it waits for a slot, ▶ for the one running', async () => {
		const c = await open(jobsYaml, {size: {columns: 100, rows: 30}});
		await c.see('Jobs (2)');
		await c.press('r', keys.down, 'r');
		const screen = await c.see(/… second +queued/);
		expect(screen).toMatch(/▶ first +manual/);
		expect(screen).toMatch(/… second +manual/);
		expect(screen).not.toMatch(/▶ second /);
	});
});
