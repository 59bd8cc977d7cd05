import {describe, expect, it} from 'vitest';
import {keys} from '../helpers/keys.js';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();

/** Waits until just after a whole second: the console draws the scheduler's news on the whole second. */
async function justAfterWholeSecond(): Promise<void> {
	await new Promise(resolve => {
		setTimeout(resolve, 1000 - (Date.now() % 1000) + 20);
	});
}

const runId = (frame: string, jobId: string) => Number(new RegExp(`started ${jobId} \\(run (\\d+)\\)`).exec(frame)?.[1]);

/** One manual job whose run hangs until cancelled. */
const sleepyJob = `jobs:
  - {id: sleepy, trigger: manual, module: jobs/hangs.ts}
`;

/** The run a `Cancel run N of sleepy?` question is about. */
const askedRunId = (frame: string) => Number(/Cancel run (\d+) of sleepy/.exec(frame)?.[1]);

type Console = Awaited<ReturnType<typeof open>>;

/** Answers y to the question about run `id` of `jobId`: the console says it cancels it, and history has it cancelled. */
async function confirmCancel(c: Console, jobId: string, id: number): Promise<void> {
	await c.press('y');
	await c.see(`cancelling ${jobId} (run ${id})`);
	await c.t.scheduler.whenFinished(id);
	expect((await c.t.stored(id))?.status).toBe('cancelled');
}

describe('c right after r', () => {
	it('cancels the run r has just started, before the next frame shows it', async () => {
		const c = await open(sleepyJob);
		await c.see('Jobs (1)');
		await justAfterWholeSecond();
		await c.press('r');
		const started = await c.see(/started sleepy \(run \d+\)/);
		const id = runId(started, 'sleepy');
		// Given: the frame (drawn on the whole second) does not list the run yet.
		expect(started).toContain('Running (0)');
		await c.press('c');
		await c.see(`Cancel run ${id} of sleepy?`);
		await confirmCancel(c, 'sleepy', id);
	});

	it('cancels the run r asked for when c comes before the scheduler answered r ("rc" read in one go)', async () => {
		const c = await open(sleepyJob);
		await c.see('Jobs (1)');
		// When: r and c typed faster than the console reads them: c is taken before r's answer.
		await c.pressAtOnce('rc');
		// Then: c waits for that answer and asks about the run it names, not "nothing running to cancel".
		const asked = await c.see(/Cancel run \d+ of sleepy\?/);
		expect(asked).not.toContain('nothing running to cancel');
		await confirmCancel(c, 'sleepy', askedRunId(asked));
	});

	it('in the job view too, "rc" read in one go cancels the run r asked for', async () => {
		const c = await open(sleepyJob);
		await c.see('Jobs (1)');
		await c.press(keys.enter);
		await c.see('Job sleepy');
		await c.pressAtOnce('rc');
		await confirmCancel(c, 'sleepy', askedRunId(await c.see(/Cancel run \d+ of sleepy\?/)));
	});

	it('cancels a run r has queued behind max_parallel, before it starts', async () => {
		const c = await open(`max_parallel: 1
jobs:
  - {id: sleepy, trigger: manual, module: jobs/hangs.ts}
  - {id: waiter, trigger: manual, module: jobs/ok.ts}
`);
		await c.see('Jobs (2)');
		c.t.scheduler.submit('sleepy');
		await c.see('Running (1)');
		await justAfterWholeSecond();
		await c.press('j', 'r');
		const started = await c.see(/started waiter \(run \d+\)/);
		const id = runId(started, 'waiter');
		await c.press('c');
		await c.see(`Cancel run ${id} of waiter (queued, not started)?`);
		await c.press('y');
		await c.see(`cancelling waiter (run ${id})`);
		await c.t.scheduler.whenFinished(id);
		const stored = await c.t.stored(id);
		expect(stored?.status).toBe('cancelled');
		expect(stored?.startedAt).toBeUndefined();
	});

	it('in the job view too: c cancels the run r has just started there, and says when there is none', async () => {
		const c = await open(sleepyJob);
		await c.see('Jobs (1)');
		await c.press(keys.enter);
		await c.see('Job sleepy');
		await c.press('c');
		await c.see('nothing of sleepy running to cancel');
		await c.press('r');
		const id = runId(await c.see(/started sleepy \(run \d+\)/), 'sleepy');
		await c.press('c');
		await c.see(`Cancel run ${id} of sleepy?`);
		await confirmCancel(c, 'sleepy', id);
	});
});
