import {describe, expect, it} from 'vitest';
import {makeTempRoot, testJobs} from '../helpers/temp-root.js';
import {trackTestSchedulers} from '../helpers/test-scheduler.js';

const openScheduler = trackTestSchedulers();

const sleeper = 'jobs:\n  - id: slow\n    trigger: manual\n    module: jobs/sleep.ts\n    params: {ms: 60000}\n';
const flaky = 'jobs:\n  - id: flaky\n    trigger: manual\n    module: jobs/throws.ts\n    retries: 1\n    retry_backoff: 10s\n';

describe('retrying a run', () => {
	it('refuses a second retry of a cancelled run while its first retry runs, naming it; once that retry ended, the operator may ask again', async () => {
		const t = openScheduler(sleeper);
		t.scheduler.start();
		const first = t.scheduler.submit('slow');
		const firstId = first.ok ? first.run.id : 0;
		t.scheduler.cancel(firstId);
		expect((await t.scheduler.whenFinished(firstId))?.status).toBe('cancelled');

		// Given run 1 cancelled and retried as run 2, which runs
		const retried = t.scheduler.retry(firstId);
		expect(retried).toMatchObject({ok: true, run: {trigger: 'retry', attempt: 2}});
		const retryId = retried.ok ? retried.run.id : 0;
		await expect.poll(() => t.scheduler.getRun(retryId)?.status, {timeout: 20_000}).toBe('running');

		// When the operator retries run 1 again, it is refused, naming the retry that runs
		expect(t.scheduler.retry(firstId)).toEqual({ok: false, reason: `run ${firstId} is already being retried as run ${retryId} (running)`});
		expect(t.started.map(run => run.id)).toEqual([firstId, retryId]);

		// Once that retry has ended, retrying run 1 again is the operator asking again: a new attempt 2
		t.scheduler.cancel(retryId);
		await t.scheduler.whenFinished(retryId);
		const again = t.scheduler.retry(firstId);
		expect(again).toMatchObject({ok: true, run: {trigger: 'retry', attempt: 2}});
		t.scheduler.cancel(again.ok ? again.run.id : 0);
	});

	it('refuses the operator\'s retry of a failed run while the job\'s own retry of it runs', async () => {
		// Attempt 1 fails at once; attempt 2 goes on until cancelled.
		const secondLasts = `export default async function run(ctx: any) {
	if (ctx.attempt === 1) throw new Error('feed returned 502');
	await new Promise(resolve => ctx.signal.addEventListener('abort', resolve));
}\n`;
		const t = openScheduler(flaky.replace('jobs/throws.ts', 'jobs/second-lasts.ts'), {root: makeTempRoot({...testJobs, 'jobs/second-lasts.ts': secondLasts})});
		t.scheduler.start();
		const first = t.scheduler.submit('flaky');
		const firstId = first.ok ? first.run.id : 0;
		expect((await t.scheduler.whenFinished(firstId))?.status).toBe('failed');
		t.clock.advance(10_000);
		const automatic = t.started[1]!;
		expect(automatic).toMatchObject({trigger: 'retry', attempt: 2});
		await expect.poll(() => t.scheduler.getRun(automatic.id)?.status, {timeout: 20_000}).toBe('running');
		expect(t.scheduler.retry(firstId)).toEqual({ok: false, reason: `run ${firstId} is already being retried as run ${automatic.id} (running)`});
		t.scheduler.cancel(automatic.id);
		await t.scheduler.whenFinished(automatic.id);
	});

	it('refuses a retry of a run whose retry failed and waits for its own next attempt, naming that retry: one live retry per chain', async () => {
		const t = openScheduler(flaky.replace('retries: 1', 'retries: 2'));
		t.scheduler.start();
		// Given run 1 failed, its retry (attempt 2) failed too, and that retry's attempt 3 waits for its backoff
		const first = t.scheduler.submit('flaky');
		const firstId = first.ok ? first.run.id : 0;
		await t.scheduler.whenFinished(firstId);
		t.clock.advance(10_000);
		const retry = t.started[1]!;
		expect(retry).toMatchObject({trigger: 'retry', attempt: 2});
		expect((await t.scheduler.whenFinished(retry.id))?.status).toBe('failed');
		expect(t.scheduler.nextAttemptOf(retry.id)).toMatchObject({attempt: 3});

		// When the operator retries run 1 again, it is refused, naming the live chain; no second attempt 2 starts
		expect(t.scheduler.retry(firstId)).toEqual({ok: false, reason: `run ${firstId} is already being retried as run ${retry.id} (failed), whose attempt 3 waits for its backoff: retry run ${retry.id} to run it now`});
		expect(t.started.map(run => [run.trigger, run.attempt])).toEqual([['manual', 1], ['retry', 2]]);

		// Retrying the chain's last run asks for its attempt 3 now; once that ended (the last), run 1 may be retried again
		const now = t.scheduler.retry(retry.id);
		expect(now).toMatchObject({ok: true, run: {trigger: 'retry', attempt: 3}});
		await t.scheduler.whenFinished(now.ok ? now.run.id : 0);
		expect(t.scheduler.retry(firstId)).toMatchObject({ok: true, run: {trigger: 'retry', attempt: 2}});
	});

	it('asks for a retry waiting for its backoff now, instead of a second attempt 2 when the backoff ends', async () => {
		const t = openScheduler(flaky);
		t.scheduler.start();
		const first = t.scheduler.submit('flaky');
		const firstId = first.ok ? first.run.id : 0;
		await t.scheduler.whenFinished(firstId);
		expect(t.scheduler.nextAttemptOf(firstId)).toMatchObject({attempt: 2});
		const now = t.scheduler.retry(firstId);
		expect(now).toMatchObject({ok: true, run: {trigger: 'retry', attempt: 2}});
		await t.scheduler.whenFinished(now.ok ? now.run.id : 0);
		t.clock.advance(60_000);
		expect(t.started.map(run => [run.trigger, run.attempt])).toEqual([['manual', 1], ['retry', 2]]);
	});
});
