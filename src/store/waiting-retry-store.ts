import type {KeptRetry} from '../scheduler/ports.js';
import type {SqliteDatabase} from './open-database.js';

function prepareStatements(db: SqliteDatabase) {
	return {
		selectAll: db.prepare('SELECT run_id, job_id, attempt, attempts, due_at, backfill, held FROM waiting_retries ORDER BY due_at, run_id'),
		upsert: db.prepare('INSERT INTO waiting_retries (run_id, job_id, attempt, attempts, due_at, backfill, held) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(run_id) DO UPDATE SET job_id = excluded.job_id, attempt = excluded.attempt, attempts = excluded.attempts, due_at = excluded.due_at, backfill = excluded.backfill, held = excluded.held'),
		delete: db.prepare('DELETE FROM waiting_retries WHERE run_id = ?'),
	};
}

type Row = {run_id: number; job_id: string; attempt: number; attempts: number; due_at: number; backfill: number; held: number};

/**
 * Next attempts waiting for their job's retry backoff (the `waiting_retries` table), kept so the next
 * start runs them: a row is written when a failed run's retry is armed and deleted when that retry is
 * asked for, dropped or cancelled.
 */
export class WaitingRetryStore {
	private readonly s: ReturnType<typeof prepareStatements>;

	constructor(db: SqliteDatabase) {
		this.s = prepareStatements(db);
	}

	/** Soonest first. */
	waitingRetries(): KeptRetry[] {
		return (this.s.selectAll.all() as Row[]).map(row => ({
			runId: row.run_id,
			jobId: row.job_id,
			attempt: row.attempt,
			of: row.attempts,
			at: row.due_at,
			...(row.backfill === 1 ? {backfill: true} : {}),
			...(row.held === 1 ? {held: true} : {}),
		}));
	}

	keepWaitingRetry(retry: KeptRetry): void {
		this.s.upsert.run(retry.runId, retry.jobId, retry.attempt, retry.of, retry.at, retry.backfill ? 1 : 0, retry.held ? 1 : 0);
	}

	forgetWaitingRetry(runId: number): void {
		this.s.delete.run(runId);
	}
}
