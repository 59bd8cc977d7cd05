/**
 * A job failing every few seconds all day (20,000 failures by the evening): today's figures count
 * every failure, the Failures panel gets the newest 100, and the scheduler holds no more than 200 of
 * them: each run's end sorted every failure of the day on the scheduler's thread (2.7 ms a run by the
 * evening), and all of them were held until midnight. Real SQLite history, the scheduler's own ledger.
 */
import {describe, expect, it} from 'vitest';
import type {RunRecord} from '../../src/core/run-record.js';
import {TodayLedger} from '../../src/scheduler/today-ledger.js';
import {HistoryStore} from '../../src/store/history-store.js';
import {openDatabase} from '../../src/store/open-database.js';
import {makeTempRoot} from '../helpers/temp-root.js';

const start = Date.parse('2026-12-08T09:00:00+08:00');

const failure = (id: number): RunRecord => ({
	id, jobId: 'health_check', trigger: 'schedule', status: 'failed', scheduledAt: start + (id * 3000), startedAt: start + (id * 3000),
	finishedAt: start + (id * 3000) + 50, attempt: 1, error: {type: 'Error', message: `1 of 1 unhealthy (run ${id})`},
});

describe('today\'s failures of a job failing all day', () => {
	it('counts each, sends the newest 100, and holds at most 200 at any time', () => {
		const root = makeTempRoot();
		const db = openDatabase(`${root.dir}/sage.db`);
		try {
			const ledger = new TodayLedger(new HistoryStore(db), 'Asia/Shanghai');
			ledger.reload(start, ['health_check']);
			// A run's end, as the scheduler takes it: into the ledger, then the snapshot's failures read
			const end = (id: number) => {
				ledger.add(failure(id));
				return ledger.failures;
			};

			let mostHeld = 0;
			for (let id = 1; id <= 20_000; id++) {
				end(id);
				mostHeld = Math.max(mostHeld, ledger.failuresHeld);
			}

			expect(ledger.stats).toMatchObject({day: '2026-12-08', runs: 20_000, failed: 20_000});
			expect(ledger.failures).toHaveLength(100);
			expect(ledger.failures[0]!.id).toBe(20_000);
			expect(ledger.failures.at(-1)!.id).toBe(19_901);
			expect(mostHeld).toBeLessThanOrEqual(200);
		} finally {
			db.close();
			root.remove();
		}
	});
});
