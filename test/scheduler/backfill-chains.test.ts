/**
 * A backfill of a job with `after:` chains gives each backfilled day its chain run, one after another,
 * even for a chained job with `concurrency: skip`; live chain runs keep that job's concurrency. A real
 * scheduler: real SQLite file, real child processes, the days' runs read back from history.
 */
import {describe, expect, it} from 'vitest';
import type {RunRecord} from '../../src/core/run-record.js';
import type {RunSummary} from '../../src/protocol/snapshot.js';
import {trackTestSchedulers, type TestScheduler} from '../helpers/test-scheduler.js';
import {waitFor} from '../helpers/wait-for.js';

const openScheduler = trackTestSchedulers();

// features takes a while (so the next day's bars succeeds while it runs) and keeps the default concurrency: skip.
const jobsYaml = `jobs:
  - {id: bars, trigger: manual, command: ["true"]}
  - {id: features, after: [bars], command: ["sh", "-c", "sleep 0.4"]}
  - {id: report, after: [features], command: ["sh", "-c", "sleep 0.2"]}
`;

function watchSkips(t: TestScheduler): RunSummary[] {
	const skipped: RunSummary[] = [];
	t.scheduler.events.on('run-skipped', run => skipped.push(run));
	return skipped;
}

async function runsOf(t: TestScheduler, jobId: string): Promise<RunRecord[]> {
	await t.scheduler.historyWritten();
	return t.store.query({jobId, limit: 100}).reverse();
}

describe('a backfill and its after: chains', () => {
	it('gives every backfilled day its chain runs, run one after another, with concurrency: skip', async () => {
		const t = openScheduler(jobsYaml);
		const skipped = watchSkips(t);
		t.scheduler.start();
		const days = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19'];
		const results = t.scheduler.backfill('bars', days[0]!, days.at(-1)!);
		expect(results.map(result => result.ok)).toEqual([true, true, true, true]);
		await waitFor(() => t.finished.filter(run => run.jobId === 'report').length === days.length || skipped.length > 0 || undefined, 30_000, 'a report run per day');
		expect(skipped.map(run => `${run.jobId} ${run.tradeDate}`)).toEqual([]);
		for (const jobId of ['features', 'report']) {
			const runs = await runsOf(t, jobId);
			expect(runs.map(run => [run.trigger, run.tradeDate, run.status])).toEqual(days.map(day => ['chain', day, 'success']));
			// One after another: each day's run starts once the day before has finished.
			for (const [index, run] of runs.entries()) {
				if (index > 0) {
					expect(run.startedAt!).toBeGreaterThanOrEqual(runs[index - 1]!.finishedAt!);
				}
			}
		}
	}, 60_000);

	it('a backfill chain run that fails and is retried is still part of the backfill: the retry\'s own chain runs wait their turn too', async () => {
		// features fails its first attempt of each day and succeeds at the second; report follows it.
		const t = openScheduler(`jobs:
  - {id: bars, trigger: manual, command: ["true"]}
  - {id: features, after: [bars], retries: 1, retry_backoff: 10ms, command: ["sh", "-c", "test $SAGE_ATTEMPT -gt 1"]}
  - {id: report, after: [features], command: ["sh", "-c", "sleep 0.3"]}
`);
		const skipped = watchSkips(t);
		t.scheduler.start();
		const days = ['2026-11-16', '2026-11-17', '2026-11-18'];
		t.scheduler.backfill('bars', days[0]!, days.at(-1)!);
		const deadline = Date.now() + 30_000;
		// The retries' backoff is on the test's clock: moved on while the runs go.
		while (t.finished.filter(run => run.jobId === 'report').length < days.length && skipped.length === 0) {
			if (Date.now() > deadline) {
				throw new Error('timed out waiting for a report run per day');
			}

			await new Promise(resolve => {
				setTimeout(resolve, 20);
			});
			t.clock.advance(10);
		}

		expect(skipped.map(run => `${run.jobId} ${run.tradeDate}`)).toEqual([]);
		expect((await runsOf(t, 'report')).map(run => [run.trigger, run.tradeDate, run.status])).toEqual(days.map(day => ['chain', day, 'success']));
	}, 60_000);

	it('a chain run of live runs still obeys the chained job\'s concurrency: skip', async () => {
		const t = openScheduler(jobsYaml);
		const skipped = watchSkips(t);
		t.scheduler.start();
		const first = t.scheduler.submit('bars', {tradeDate: '2026-11-19'});
		await t.scheduler.whenFinished(first.ok ? first.run.id : 0);
		const second = t.scheduler.submit('bars', {tradeDate: '2026-11-20'});
		await t.scheduler.whenFinished(second.ok ? second.run.id : 0);
		await waitFor(() => skipped.length > 0 || undefined, 10_000, 'the second chain run to be skipped');
		expect(skipped.map(run => [run.jobId, run.trigger, run.tradeDate])).toEqual([['features', 'chain', '2026-11-20']]);
		expect((await runsOf(t, 'features')).find(run => run.status === 'skipped')?.message).toBe('previous run still going (concurrency: skip)');
	}, 60_000);
});
