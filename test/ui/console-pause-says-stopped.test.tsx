/**
 * `p` on a job whose run waits for a slot: the pause cancels that run before it starts, and the
 * console's message line says so beside `paused sync`, as `sage-console pause sync` lists it. Before,
 * it said `paused sync` alone, and the cancelled run was in the log tail only. A console on a real
 * scheduler behind the real protocol (consoleHarness).
 */
import {expect, it} from 'vitest';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();

it('p says which runs not begun the pause cancelled', async () => {
	const c = await open(`max_parallel: 1
jobs:
  - {id: sync, trigger: manual, command: ["true"]}
  - {id: blocker, trigger: manual, module: jobs/sleep.ts, params: {ms: 60000}}
`);
	const blocker = c.t.scheduler.submit('blocker');
	const queued = c.t.scheduler.submit('sync');
	expect([blocker.ok, queued.ok]).toEqual([true, true]);
	const queuedId = queued.ok ? queued.run.id : 0;
	await c.see('›● sync');
	await c.press('p');
	await c.see(`paused sync; cancelled run ${queuedId} (not begun)`);
	expect((await c.t.scheduler.whenFinished(queuedId))?.status).toBe('cancelled');
	c.t.scheduler.cancel(blocker.ok ? blocker.run.id : 0);
});
