import type Database from 'better-sqlite3';
import {failureStatuses} from '../core/run-record.js';
import type {JobStatistics} from '../protocol/messages.js';
import type {SqliteDatabase} from './open-database.js';

export type {JobStatistics} from '../protocol/messages.js';

const failures = [...failureStatuses].map(status => `'${status}'`).join(', ');

/**
 * Runs per job over a range of scheduled times: counts by outcome and duration percentiles of the
 * successful ones (nearest rank, worked out by SQLite's window functions, so only one row per job and
 * percentile crosses into JavaScript). Reads the range on runs_by_time.
 */
export class RunStatistics {
	private counts!: Database.Statement;
	private percentiles!: Database.Statement;

	constructor(db: SqliteDatabase) {
		this.reattach(db);
	}

	/** Goes on with another connection (the database file was restored after it was deleted). */
	reattach(db: SqliteDatabase): void {
		this.counts = db.prepare(`SELECT job_id, SUM(status NOT IN ('queued', 'running', 'skipped')) AS runs, SUM(status = 'success') AS succeeded,
			SUM(status IN (${failures})) AS failed, SUM(status = 'cancelled') AS cancelled, SUM(status = 'skipped') AS skipped
			FROM runs WHERE scheduled_at >= ? AND scheduled_at < ? GROUP BY job_id ORDER BY job_id`);
		this.percentiles = db.prepare(`SELECT job_id, duration_ms, rank, total FROM (
			SELECT job_id, duration_ms, ROW_NUMBER() OVER (PARTITION BY job_id ORDER BY duration_ms) AS rank, COUNT(*) OVER (PARTITION BY job_id) AS total
			FROM runs WHERE scheduled_at >= ? AND scheduled_at < ? AND status = 'success' AND duration_ms IS NOT NULL
		) WHERE rank IN (MAX(1, CAST(((total * 50) + 99) / 100 AS INTEGER)), MAX(1, CAST(((total * 90) + 99) / 100 AS INTEGER)), MAX(1, CAST(((total * 99) + 99) / 100 AS INTEGER)), total)`);
	}

	between(since: number, until: number, jobId?: string): JobStatistics[] {
		type CountRow = {job_id: string; runs: number; succeeded: number; failed: number; cancelled: number; skipped: number};
		const rows = (this.counts.all(since, until) as CountRow[]).filter(row => jobId === undefined || row.job_id === jobId);
		const ranks = this.percentiles.all(since, until) as Array<{job_id: string; duration_ms: number; rank: number; total: number}>;
		const byJob = new Map<string, Array<{duration_ms: number; rank: number; total: number}>>();
		for (const row of ranks) {
			byJob.set(row.job_id, [...(byJob.get(row.job_id) ?? []), row]);
		}

		return rows.map(row => {
			const found = byJob.get(row.job_id) ?? [];
			const at = (p: number) => found.find(entry => entry.rank === Math.max(1, Math.ceil((entry.total * p) / 100)))?.duration_ms;
			return {
				jobId: row.job_id, runs: row.runs, succeeded: row.succeeded, failed: row.failed, cancelled: row.cancelled, skipped: row.skipped,
				successRate: row.runs > 0 ? row.succeeded / row.runs : undefined,
				p50Ms: at(50), p90Ms: at(90), p99Ms: at(99), maxMs: found.find(entry => entry.rank === entry.total)?.duration_ms,
			};
		});
	}
}
