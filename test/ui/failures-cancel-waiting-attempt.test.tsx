/**
 * `c` on a failure in the Failures panel whose next attempt waits for its backoff: it said `nothing
 * running to cancel here (Tab to the running panel)`, though that attempt is there to drop, as `c` in
 * the run's detail and `sage-console cancel RUN` drop it. It drops it now; so does `c` in the job's
 * view, which names that attempt (`sage-console cancel 1 drops it`) and said `nothing of feed running`.
 */
import {describe, expect, it} from 'vitest';
import {keys} from '../helpers/keys.js';
import {waitFor} from '../helpers/wait-for.js';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();
const jobsYaml = `jobs:
  - id: feed
    trigger: manual
    command: ["sh", "-c", "echo 'feed down' >&2; exit 1"]
    retries: 1
    retry_backoff: 10m
`;

describe('c in the Failures panel', () => {
	it('drops the selected failure\'s next attempt waiting for its backoff', async () => {
		const c = await open(jobsYaml, {size: {columns: 100, rows: 30}});
		await c.see('Jobs (1)');
		await c.run('feed');
		await waitFor(() => c.t.scheduler.snapshot().jobs[0]?.retry !== undefined || undefined, 10_000, 'attempt 2 to wait for its backoff');
		await c.see(/✗ \d\d:\d\d:\d\d run 1 /);
		await c.press('f');
		await c.see('▌Failures today (1)');
		await c.press('c');
		const screen = await c.see('will not run');
		expect(screen).toContain('feed: attempt 2 will not run (it waited for its backoff after run 1)');
		expect(screen).not.toContain('nothing running to cancel');
		await waitFor(() => c.t.scheduler.snapshot().jobs[0]?.retry === undefined || undefined, 10_000, 'the waiting attempt to be dropped');
	});

	it('in the job\'s view, drops its next attempt waiting for its backoff', async () => {
		const c = await open(jobsYaml, {size: {columns: 100, rows: 30}});
		await c.see('Jobs (1)');
		await c.run('feed');
		await waitFor(() => c.t.scheduler.snapshot().jobs[0]?.retry !== undefined || undefined, 10_000, 'attempt 2 to wait for its backoff');
		await c.see(/feed .*✗ failed/);
		await c.press(keys.enter);
		await c.see('sage-console cancel 1 drops it');
		await c.press('c');
		const screen = await c.see('will not run');
		expect(screen).toContain('feed: attempt 2 will not run (it waited for its backoff after run 1)');
		await waitFor(() => c.t.scheduler.snapshot().jobs[0]?.retry === undefined || undefined, 10_000, 'the waiting attempt to be dropped');
	});
});
