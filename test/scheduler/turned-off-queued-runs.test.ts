/**
 * Runs queued for a slot when their job is turned off — paused, disabled by a reload — or the whole
 * scheduler paused are cancelled before they start, as the job's retries waiting for their backoff are
 * dropped. They used to start as soon as a slot freed, so `pause sync` did not stop a queued sync.
 */
import {describe, expect, it} from 'vitest';
import {parseJobsConfig} from '../../src/config/load-jobs-config.js';
import {trackTestSchedulers, type TestScheduler} from '../helpers/test-scheduler.js';

const openScheduler = trackTestSchedulers();

const jobs = (syncEnabled = true) => `max_parallel: 1
jobs:
  - {id: blocker, trigger: manual, module: jobs/sleep.ts, params: {ms: 60000}}
  - {id: sync, trigger: manual, command: ["true"], enabled: ${syncEnabled}}
  - {id: other, trigger: manual, command: ["true"]}
`;

const idOf = (submitted: ReturnType<TestScheduler['scheduler']['submit']>) => (submitted.ok ? submitted.run.id : Number.NaN);

/** The blocker takes the one slot; the runs asked for after it wait in the queue. */
function blockedScheduler(yaml = jobs()) {
	const t = openScheduler(yaml);
	t.scheduler.start();
	const blocker = idOf(t.scheduler.submit('blocker'));
	return {t, blocker};
}

/**
 * flaky fails as the first run, with one retry 10 s later; the blocker, asked for after, holds the one
 * slot when the retry comes due, so flaky's attempt 2 waits in the queue. `final`: the runs whose failure
 * was told as final; `ended`: each run's end as told, with whether a next attempt follows.
 */
async function flakyAttemptQueued() {
	const t = openScheduler(`max_parallel: 1
jobs:
  - {id: blocker, trigger: manual, module: jobs/sleep.ts, params: {ms: 60000}}
  - {id: flaky, trigger: manual, command: ["false"], retries: 1, retry_backoff: 10s}
`);
	t.scheduler.start();
	const final: number[] = [];
	const ended: Array<{runId: number; nextAttempt: boolean}> = [];
	t.scheduler.events.on('run-failure-final', event => final.push(event.runId));
	t.scheduler.events.on('run-ended', event => ended.push({runId: event.record.id, nextAttempt: event.nextAttempt}));
	const first = idOf(t.scheduler.submit('flaky'));
	expect((await t.scheduler.whenFinished(first))?.status).toBe('failed');
	const blocker = idOf(t.scheduler.submit('blocker'));
	t.clock.advance(10_000);
	const attempt2 = t.scheduler.snapshot().live.find(run => run.jobId === 'flaky');
	expect(attempt2).toMatchObject({status: 'queued', attempt: 2});
	expect(final).toEqual([]);
	return {t, first, blocker, attempt2: attempt2!.runId, final, ended};
}

async function freeTheSlot(t: TestScheduler, blocker: number) {
	t.scheduler.cancel(blocker);
	await t.scheduler.whenFinished(blocker);
}

describe('queued runs of a job turned off', () => {
	it('pause JOB cancels its queued run, which never starts; another job\'s queued run and a run asked for after the pause still run', async () => {
		const {t, blocker} = blockedScheduler();
		const queued = idOf(t.scheduler.submit('sync'));
		const others = idOf(t.scheduler.submit('other'));
		expect(t.scheduler.setPaused('sync', true)).toBe(true);
		const cancelled = await t.scheduler.whenFinished(queued);
		expect(cancelled).toMatchObject({status: 'cancelled', message: 'cancelled before it started: sync was paused'});
		expect(cancelled?.startedAt).toBeUndefined();
		const byHand = idOf(t.scheduler.submit('sync'));
		await freeTheSlot(t, blocker);
		expect((await t.scheduler.whenFinished(others))?.status).toBe('success');
		expect((await t.scheduler.whenFinished(byHand))?.status).toBe('success');
		expect(t.started.map(run => run.id)).toEqual([blocker, others, byHand]);
		expect((await t.stored(queued))).toMatchObject({status: 'cancelled', message: 'cancelled before it started: sync was paused'});
		expect(t.logger.lines.map(line => line.msg)).toContain(`■ sync cancelled before it started: sync was paused (run ${queued})`);
	});

	it('pause --all cancels every queued run', async () => {
		const {t, blocker} = blockedScheduler();
		const queued = [idOf(t.scheduler.submit('sync')), idOf(t.scheduler.submit('other'))];
		expect(t.scheduler.setSchedulerPaused(true)).toBe(true);
		for (const id of queued) {
			expect(await t.scheduler.whenFinished(id)).toMatchObject({status: 'cancelled', message: 'cancelled before it started: the scheduler was paused'});
		}

		await freeTheSlot(t, blocker);
		expect(t.started.map(run => run.id)).toEqual([blocker]);
	});

	it('a reload that disables the job cancels its queued run', async () => {
		const {t, blocker} = blockedScheduler();
		const queued = idOf(t.scheduler.submit('sync'));
		const others = idOf(t.scheduler.submit('other'));
		t.scheduler.reload(parseJobsConfig(jobs(false), 'config/jobs.yaml', t.root.dir));
		expect(await t.scheduler.whenFinished(queued)).toMatchObject({status: 'cancelled', message: 'cancelled before it started: sync was disabled (enabled: false)'});
		await freeTheSlot(t, blocker);
		expect((await t.scheduler.whenFinished(others))?.status).toBe('success');
		expect(t.started.map(run => run.id)).toEqual([blocker, others]);
	});

	it('a reload leaves the queued run of a job that was already disabled (asked for by hand) alone', async () => {
		const {t, blocker} = blockedScheduler(jobs(false));
		const byHand = idOf(t.scheduler.submit('sync'));
		t.scheduler.reload(parseJobsConfig(`${jobs(false)}  - {id: added, trigger: manual, command: ["true"]}\n`, 'config/jobs.yaml', t.root.dir));
		await freeTheSlot(t, blocker);
		expect((await t.scheduler.whenFinished(byHand))?.status).toBe('success');
	});

	it('the job\'s own next attempt, queued when its job is paused, is cancelled and the failure it followed is final: alerted then', async () => {
		const {t, first, blocker, attempt2, final, ended} = await flakyAttemptQueued();
		t.scheduler.setPaused('flaky', true);
		expect(await t.scheduler.whenFinished(attempt2)).toMatchObject({status: 'cancelled', message: 'cancelled before it started: flaky was paused'});
		expect(final).toEqual([first]);
		expect(ended).toContainEqual({runId: first, nextAttempt: false});
		await freeTheSlot(t, blocker);
		expect(t.started.map(run => run.id)).toEqual([first, blocker]);
	});

	it('the operator\'s cancel of a queued next attempt still alerts nothing', async () => {
		const {t, blocker, attempt2, final} = await flakyAttemptQueued();
		expect(t.scheduler.cancel(attempt2).ok).toBe(true);
		expect((await t.scheduler.whenFinished(attempt2))?.status).toBe('cancelled');
		await freeTheSlot(t, blocker);
		expect(final).toEqual([]);
	});
});
