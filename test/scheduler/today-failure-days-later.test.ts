/**
 * A run scheduled days before that fails today (a long backfill, a service up for days) stands in
 * today's failures as it ends, and must still after a restart or a jobs.yaml reload, which read today
 * back from history: they read back only the runs scheduled the day before. The read is on an index
 * (by end, of failures only), so a history of a million runs does not make a reload walk every
 * earlier day's failures.
 * Given a real SQLite file and the scheduler's TodayLedger; only the clock is the test's.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import {describe, expect, it} from 'vitest';
import type {RunRecord, RunStatus} from '../../src/core/run-record.js';
import {TodayLedger} from '../../src/scheduler/today-ledger.js';
import {HistoryStore} from '../../src/store/history-store.js';
import {openDatabase} from '../../src/store/open-database.js';
import {scratchDir} from '../helpers/temp-root.js';

const at = (clock: string) => Date.parse(`${clock}+08:00`);
/** Tuesday 8 December 2026 in Shanghai. */
const today = at('2026-12-08T00:00:00');

function historyWith(file: string) {
	const db = openDatabase(file);
	const store = new HistoryStore(db);
	const ended = (jobId: string, status: RunStatus, scheduled: string, finished: string): RunRecord => {
		const run: RunRecord = {
			id: store.nextRunId(), jobId, trigger: 'schedule', status, scheduledAt: at(scheduled), startedAt: at(scheduled), finishedAt: at(finished), attempt: 1,
			...(status === 'success' ? {} : {error: {type: 'Error', message: `${jobId} failed`}}),
		};
		store.insertRun(run);
		return run;
	};

	return {db, store, ended};
}

describe('a run scheduled days before that fails today', () => {
	it('is read back among today\'s failures, whatever day it was scheduled on; earlier days\' failures that ended before today are not', () => {
		const {db, store, ended} = historyWith(path.join(scratchDir(), 'sage.db'));
		try {
			// Given a backfill due Fri 4 Dec that failed today at 09:30, a service up since Thu 3 Dec that
			// timed out today at 08:00, last night's 23:50 run that failed at 00:10, and one of today's
			const backfill = ended('backfill_bars', 'failed', '2026-12-04T22:00:00', '2026-12-08T09:30:00');
			const service = ended('quote_feed', 'timeout', '2026-12-03T09:00:00', '2026-12-08T08:00:00');
			const lastNight = ended('sync_daily_bars', 'failed', '2026-12-07T23:50:00', '2026-12-08T00:10:00');
			const todays = ended('check_positions', 'failed', '2026-12-08T09:40:00', '2026-12-08T09:41:00');
			// And runs of earlier days that are not today's failures: one failed on Saturday, one succeeded today
			ended('backfill_bars', 'failed', '2026-12-03T22:00:00', '2026-12-05T11:00:00');
			ended('backfill_bars', 'success', '2026-12-02T22:00:00', '2026-12-08T07:00:00');

			// When the day is read back (a start or a config reload at 10:00)
			const ledger = new TodayLedger(store, 'Asia/Shanghai');
			ledger.reload(at('2026-12-08T10:00:00'), ['backfill_bars', 'sync_daily_bars', 'check_positions']);

			// Then today's failures are the four that ended today, newest first; today's figures (by
			// scheduled day) count today's run only
			expect(ledger.failures.map(run => run.id)).toEqual([todays.id, backfill.id, service.id, lastNight.id]);
			expect(ledger.stats).toMatchObject({day: '2026-12-08', runs: 1, failed: 1});
		} finally {
			db.close();
		}
	});

	it('reads them on indexes: earlier days\' runs by their end among failures only (runs_failed_by_finish), no walk over every earlier failure', () => {
		const file = path.join(scratchDir(), 'sage.db');
		const {db, ended} = historyWith(file);
		ended('backfill_bars', 'failed', '2026-12-04T22:00:00', '2026-12-08T09:30:00');
		db.close();

		// The statements the store runs, as SQLite sees them (the bench's history section reads plans the same way)
		const executed: string[] = [];
		const traced = new Database(file, {verbose: sql => executed.push(String(sql))});
		try {
			expect(new HistoryStore(traced).failuresSince(today, 100)).toHaveLength(1);
			const selects = executed.filter(sql => /^\s*SELECT/i.test(sql));
			expect(selects).toHaveLength(1);
			const plan = (traced.prepare(`EXPLAIN QUERY PLAN ${selects[0]!}`).all() as Array<{detail: string}>).map(step => step.detail);
			const onRuns = plan.filter(step => / runs\b/.test(step));
			expect(onRuns.length).toBeGreaterThan(0);
			expect(onRuns.filter(step => !/^SEARCH runs USING (INTEGER PRIMARY KEY|(COVERING )?INDEX)/.test(step))).toEqual([]);
			expect(plan).toContain('SEARCH runs USING INDEX runs_failed_by_finish (finished_at>?)');
			expect(plan.some(step => /runs_by_status \(status=\? AND scheduled_at<\?\)/.test(step))).toBe(false);
		} finally {
			traced.close();
		}
	});
});
