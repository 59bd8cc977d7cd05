/**
 * `r` on a job while the scheduler is stopping is refused (no new runs start): that refusal is the
 * operator's request turned down, not a fire of the job skipped, so the job's view does not list it
 * among its "why" notes as `skipped 1× today … the scheduler is stopping`.
 */
import {describe, expect, it} from 'vitest';
import {keys} from '../helpers/keys.js';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();
const jobsYaml = `jobs:
  - id: backtest_momentum
    trigger: manual
    command: ["sh", "-c", "echo '::progress 0.5 day 4 of 300'; sleep 30"]
  - id: quick_report
    cron: "0 17 * * *"
    command: ["sh", "-c", "echo report"]
`;

describe('r refused while the scheduler is stopping', () => {
	it('is not counted in the job view as a skipped fire', async () => {
		const c = await open(jobsYaml, {size: {columns: 120, rows: 40}});
		await c.see('Jobs (2)');
		await c.press('r');
		await c.see('50%');
		// A SIGTERM with shutdown: wait: the backtest runs on, nothing new starts.
		const stopped = c.t.scheduler.stop('wait', 60_000);
		await c.see('is stopping');
		await c.press('j', 'r');
		await c.see(/quick_report.*the scheduler is stopping/);
		await c.press(keys.enter);
		// The view's facts come from the scheduler: its success line says they have arrived.
		const view = await c.see(/success +no ended runs yet/);
		expect(view).toContain('Job quick_report');
		expect(view).not.toMatch(/skipped (1× today|lately)/);
		expect(view).not.toContain('why       skipped');
		await c.t.scheduler.stop('cancel');
		await stopped;
	});
});
