/**
 * A run's detail opened while the run is going (Enter in the Running panel) follows it: its progress
 * as it moves, then, once it ends, its status, finish, duration and result. It used to keep what the
 * record said when it was opened ("status running", "finished —") after its own log said it ended.
 */
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {keys} from '../helpers/keys.js';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();

// Each step waits for a file the test writes, so the view is read at each step, not raced.
const jobsYaml = `jobs:
  - id: backtest
    trigger: manual
    command: ["sh", "-c", "echo '::progress 0.25 day 1 of 4'; while [ ! -f step2 ]; do sleep 0.05; done; echo '::progress 0.75 day 3 of 4'; while [ ! -f step3 ]; do sleep 0.05; done; echo 'backtest done'"]
`;

describe('the detail of a live run', () => {
	it('shows the run\'s progress as it moves, then its end, without being opened again', async () => {
		const c = await open(jobsYaml, {statusMs: 60_000});
		const submitted = c.t.scheduler.submit('backtest');
		expect(submitted.ok).toBe(true);
		const step = (name: string) => writeFileSync(path.join(c.t.root.dir, name), '');
		await c.see('day 1 of 4');

		// Enter in the Running panel: the live run's detail.
		await c.press(keys.tab, keys.enter);
		const opened = await c.see('Run 1 · backtest');
		expect(opened).toMatch(/status +running/);
		expect(opened).toMatch(/progress +25% +day 1 of 4/);

		step('step2');
		await c.see(/progress +75% +day 3 of 4/);
		expect(c.frame()).toContain('Run 1 · backtest');

		step('step3');
		const ended = await c.see(/status +success/);
		expect(ended).toContain('Run 1 · backtest');
		expect(ended).toMatch(/finished +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
		expect(ended).not.toMatch(/finished +—/);
	});

	it('R, which the key bar offers in every run\'s detail, says why a live or succeeded run is not retried', async () => {
		const c = await open(jobsYaml, {statusMs: 300});
		expect(c.t.scheduler.submit('backtest').ok).toBe(true);
		const step = (name: string) => writeFileSync(path.join(c.t.root.dir, name), '');
		await c.see('day 1 of 4');
		await c.press(keys.tab, keys.enter);
		await c.see('Run 1 · backtest');
		await c.press('R');
		await c.see('run 1 is running: nothing to retry');

		step('step2');
		step('step3');
		await c.see(/status +success/);
		await c.gone('nothing to retry');
		await c.press('R');
		await c.see('run 1 succeeded: nothing to retry');
		// Nothing was retried: the one run is still the only one.
		expect(c.t.started).toHaveLength(1);
	});
});
