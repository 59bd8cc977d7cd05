/**
 * A config reload late in a day when a job has failed every few seconds since the morning: the ledger
 * reads back only the newest 100 failures, the ones the Failures panel is sent, and the header's
 * counts still count every run of the day. The reload read every failure of the day, stacks included,
 * on the scheduler's thread, to keep 100 of them. A real SQLite file.
 */
import {describe, expect, it} from 'vitest';
import type {RunRecord} from '../../src/core/run-record.js';
import {TodayLedger} from '../../src/scheduler/today-ledger.js';
import {HistoryStore} from '../../src/store/history-store.js';
import {openDatabase} from '../../src/store/open-database.js';
import {seedRun} from '../helpers/seed-run.js';
import {makeTempRoot} from '../helpers/temp-root.js';

const morning = Date.parse('2026-12-08T09:00:00+08:00');
const evening = Date.parse('2026-12-08T21:00:00+08:00');
const stack = `Error: 1 of 1 unhealthy\n${'    at probe (jobs/health_check.ts:12:7)\n'.repeat(40)}`;

describe('a reload of today late in a day of failures', () => {
	it('reads and holds only the newest 100 failures, and counts every run', () => {
		const root = makeTempRoot();
		const db = openDatabase(`${root.dir}/sage.db`);
		try {
			const store = new HistoryStore(db);
			const failedIds: number[] = [];
			db.transaction(() => {
				// Yesterday evening's failures are not today's
				for (let i = 0; i < 50; i++) {
					const at = morning - (12 * 3_600_000) + (i * 3000);
					seedRun(store, {jobId: 'health_check', trigger: 'schedule', status: 'failed', scheduledAt: at, startedAt: at, finishedAt: at + 50, attempt: 1, error: {type: 'Error', message: 'yesterday', stack}});
				}

				for (let i = 0; i < 5000; i++) {
					const at = morning + (i * 3000);
					failedIds.push(seedRun(store, {jobId: 'health_check', trigger: 'schedule', status: 'failed', scheduledAt: at, startedAt: at, finishedAt: at + 50, attempt: 1, error: {type: 'Error', message: `unhealthy ${i}`, stack}}).id);
				}

				for (let i = 0; i < 300; i++) {
					const at = morning + (i * 60_000) + 1000;
					seedRun(store, {jobId: 'sync_quotes', trigger: 'schedule', status: 'success', scheduledAt: at, startedAt: at, finishedAt: at + 200, attempt: 1});
				}
			})();

			// What the ledger's reload reads from history, through the real store
			const read: number[] = [];
			const history = {
				outcomeCountsSince: (since: number) => store.outcomeCountsSince(since),
				lastRunsByJob: (jobIds: readonly string[]) => store.lastRunsByJob(jobIds),
				failuresSince(since: number, limit: number): RunRecord[] {
					const runs = store.failuresSince(since, limit);
					read.push(runs.length);
					return runs;
				},
			};
			const ledger = new TodayLedger(history, 'Asia/Shanghai');
			ledger.reload(evening, ['health_check', 'sync_quotes']);

			expect(read).toEqual([100]);
			expect(ledger.failuresHeld).toBe(100);
			expect(ledger.failures.map(run => run.id)).toEqual(failedIds.slice(-100).reverse());
			expect(ledger.failures[0]!.error?.message).toBe('unhealthy 4999');
			expect(ledger.stats).toMatchObject({day: '2026-12-08', runs: 5300, succeeded: 300, failed: 5000});
		} finally {
			db.close();
			root.remove();
		}
	});
});
