import path from 'node:path';
import Database from 'better-sqlite3';

/** A `waiting_retries` row as a person inspecting the database with sqlite3 would see it. */
export type WaitingRetryRow = {run_id: number; job_id: string; attempt: number; attempts: number; due_at: number};

/**
 * The next attempts ROOT/data/sage.db keeps as waiting for their backoff. Throws while there is no such
 * table (a database of a sage-console that keeps none), which a waitFor takes as "not yet".
 */
export function waitingRetryRows(root: string): WaitingRetryRow[] {
	const db = new Database(path.join(root, 'data/sage.db'), {readonly: true});
	try {
		return db.prepare('SELECT run_id, job_id, attempt, attempts, due_at FROM waiting_retries ORDER BY run_id').all() as WaitingRetryRow[];
	} finally {
		db.close();
	}
}
