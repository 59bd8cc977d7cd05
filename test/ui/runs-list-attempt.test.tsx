/**
 * `:runs` names a retry's attempt in TRIGGER, `retry #2`, as `sage-console history` and a job's view do;
 * it said `retry` alone, so two failed attempts of one job read alike.
 */
import {describe, expect, it} from 'vitest';
import {keys} from '../helpers/keys.js';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();

describe(':runs failed', () => {
	it('shows retry #2 for the second attempt and manual for the first', async () => {
		const c = await open('jobs:\n  - {id: broken, trigger: manual, module: jobs/throws.ts}\n', {size: {columns: 120, rows: 30}});
		await c.see('Jobs (1)');
		await c.run('broken');
		const first = c.t.store.query({jobId: 'broken'})[0]!;
		const retried = c.t.scheduler.retry(first.id);
		await c.t.scheduler.whenFinished(retried.ok ? retried.run.id : 0);
		await c.t.scheduler.historyWritten();
		await c.press(':', ...'runs failed', keys.enter);
		const list = await c.see(/Runs · failed \(2\)/);
		expect(list).toMatch(/✗ \d+ +broken +retry #2 /);
		expect(list).toMatch(/✗ \d+ +broken +manual +/);
	});
});
