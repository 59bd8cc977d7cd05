/**
 * `p` twice within a second: pause, then resume. The key read the job's paused state from the frame,
 * drawn once a second (and the scheduler's snapshot patch comes up to 250 ms after its answer), so the
 * second `p` paused the job again (`paused quotes` twice) and it stayed paused.
 */
import {describe, expect, it} from 'vitest';
import {waitFor} from '../helpers/wait-for.js';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();
const jobsYaml = `jobs:
  - id: quotes
    cron: "*/5 * * * *"
    command: ["true"]
`;

describe('p twice in a row', () => {
	it('pauses the job, then resumes it', async () => {
		const c = await open(jobsYaml, {size: {columns: 120, rows: 30}});
		await c.see(/quotes .* 16:30 in 1m/);
		await c.press('p', 'p');
		await c.see(/^resumed quotes\s*$/m);
		await waitFor(() => c.t.scheduler.snapshot().jobs.find(job => job.id === 'quotes')?.paused === false, 10_000, 'the job to be resumed');
		const screen = await c.see(/quotes .* 16:30 in 1m/);
		expect(screen).not.toContain('⏸');
	});
});
