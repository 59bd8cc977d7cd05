/**
 * A run due at 23:59:59 that waits in the queue and starts and fails after midnight: today's figures
 * have it or not by one rule, the day it was scheduled on (as `history --since` lists it), whether the
 * ledger hears of its end live or reads the day back at a later config reload. Counted by its start as
 * it ended, it stood in the new day's figures until a reload, which reads by scheduled time, dropped
 * it. Today's failures have it either way, as a failure that ended today of an earlier day's run (it
 * was none while yesterday's were shown). A real SQLite file, the scheduler's own ledger.
 */
import {describe, expect, it} from 'vitest';
import type {RunRecord} from '../../src/core/run-record.js';
import {TodayLedger} from '../../src/scheduler/today-ledger.js';
import {HistoryStore} from '../../src/store/history-store.js';
import {openDatabase} from '../../src/store/open-database.js';
import {makeTempRoot} from '../helpers/temp-root.js';

const at = (clock: string) => Date.parse(`${clock}+08:00`);

describe('a run straddling midnight in today\'s figures', () => {
	it('is counted the same as it ends and after a reload: on the day it was scheduled', () => {
		const root = makeTempRoot();
		const db = openDatabase(`${root.dir}/sage.db`);
		try {
			const store = new HistoryStore(db);
			const jobs = ['evening_sync', 'morning_report'];
			const ledger = new TodayLedger(store, 'Asia/Shanghai');
			ledger.reload(at('2026-12-07T23:59:50'), jobs);

			// Due at 23:59:59, queued behind a long run; the day rolls over while it waits
			const late: RunRecord = {id: store.nextRunId(), jobId: 'evening_sync', trigger: 'schedule', status: 'queued', scheduledAt: at('2026-12-07T23:59:59'), attempt: 1};
			store.insertRun(late);
			expect(ledger.rollOver(at('2026-12-08T00:00:01'))).toBe(true);

			// It starts at 00:00:02 and fails at 00:00:05; a run due after midnight succeeds
			const failed: RunRecord = {...late, status: 'failed', startedAt: at('2026-12-08T00:00:02'), finishedAt: at('2026-12-08T00:00:05'), error: {type: 'Error', message: 'feed down'}};
			store.updateRun(late.id, {status: 'failed', startedAt: failed.startedAt, finishedAt: failed.finishedAt, error: failed.error});
			ledger.add(failed);
			const morning: RunRecord = {id: store.nextRunId(), jobId: 'morning_report', trigger: 'schedule', status: 'success', scheduledAt: at('2026-12-08T00:00:10'), startedAt: at('2026-12-08T00:00:10'), finishedAt: at('2026-12-08T00:00:11'), attempt: 1};
			store.insertRun(morning);
			ledger.add(morning);
			const live = {stats: ledger.stats, failures: ledger.failures.map(run => run.id), last: ledger.lastRun('evening_sync')?.status};

			// A config reload at 00:10 reads the day back from history
			ledger.reload(at('2026-12-08T00:10:00'), jobs);
			const reloaded = {stats: ledger.stats, failures: ledger.failures.map(run => run.id), last: ledger.lastRun('evening_sync')?.status};

			expect(live).toEqual(reloaded);
			expect(reloaded.stats).toMatchObject({day: '2026-12-08', runs: 1, succeeded: 1, failed: 0});
			expect(reloaded.failures).toEqual([late.id]);
			// The job's last run is still the failure, with its day, as the jobs panel shows it
			expect(reloaded.last).toBe('failed');
		} finally {
			db.close();
			root.remove();
		}
	});
});
