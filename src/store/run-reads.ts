import {failureStatuses, type RunRecord} from '../core/run-record.js';
import type {AbandonedRun, OutcomeCounts} from '../scheduler/ports.js';
import type {ProcessIdentity} from '../executors/executor.js';
import type {SqliteDatabase} from './open-database.js';
import {rowProcess, rowToRun, type RunRow} from './run-row.js';

const failureList = [...failureStatuses].map(status => `'${status}'`).join(', ');

function prepareStatements(db: SqliteDatabase) {
	return {
		selectRun: db.prepare('SELECT * FROM runs WHERE id = ?'),
		// The newest by end, chosen by (finished_at, id) alone so the sort holds no stacks; then only those rows are read.
		// Runs of any earlier day that ended since are sought by end in runs_failed_by_finish (its condition is this
		// status list): named, as without it SQLite walks runs_by_status over every failure of every earlier day.
		selectNewestFailuresSince: db.prepare(`SELECT * FROM runs WHERE id IN (
			SELECT id FROM (
				SELECT id, finished_at FROM runs WHERE status IN (${failureList}) AND scheduled_at >= @since
				UNION ALL
				SELECT id, finished_at FROM runs INDEXED BY runs_failed_by_finish WHERE status IN (${failureList}) AND finished_at >= @since AND scheduled_at < @since
			) ORDER BY finished_at DESC, id DESC LIMIT @limit
		) ORDER BY finished_at DESC, id DESC`),
		selectLastFinished: db.prepare(`SELECT * FROM runs WHERE job_id = ? AND status NOT IN ('queued', 'running', 'skipped') ORDER BY scheduled_at DESC LIMIT 1`),
		selectAbandoned: db.prepare(`SELECT * FROM runs WHERE status IN ('queued', 'running')`),
		selectOutcomeCounts: db.prepare(`SELECT COUNT(*) AS runs, SUM(status = 'success') AS succeeded, SUM(status IN (${failureList})) AS failed, SUM(status = 'cancelled') AS cancelled
			FROM runs WHERE scheduled_at >= ? AND status NOT IN ('queued', 'running', 'skipped') AND trigger != 'service'`),
		selectRetryLinks: db.prepare('SELECT retry_of, id FROM (SELECT retry_of, id FROM runs INDEXED BY runs_retry_of WHERE retry_of IS NOT NULL ORDER BY id DESC LIMIT ?) ORDER BY id'),
		selectSuccessesSince: db.prepare(`SELECT DISTINCT job_id, trade_date FROM runs INDEXED BY runs_succeeded WHERE status = 'success' AND trade_date >= ?`),
		// `IS`: a run with no trade date matches only another without one.
		selectSuccessesAfter: db.prepare(`SELECT * FROM runs WHERE status = 'success' AND job_id = ? AND trade_date IS ? AND id > ? ORDER BY id`),
	};
}

/** The reads of runs the scheduler makes at start, at a reload and at midnight; each statement prepared once. */
export class RunReads {
	private readonly s: ReturnType<typeof prepareStatements>;

	constructor(db: SqliteDatabase) {
		this.s = prepareStatements(db);
	}

	getRun(id: number): RunRecord | undefined {
		const row = this.s.selectRun.get(id) as RunRow | undefined;
		return row && rowToRun(row);
	}

	/** The process a run ran in (a service's, a command job's), as its row records it. */
	getRunProcess(id: number): ProcessIdentity | undefined {
		const row = this.s.selectRun.get(id) as RunRow | undefined;
		return row && rowProcess(row);
	}

	/** Runs left queued or running by a process that died, with the process each ran in. */
	abandonedRuns(): AbandonedRun[] {
		return (this.s.selectAbandoned.all() as RunRow[]).map(row => ({...rowToRun(row), process: rowProcess(row)}));
	}

	/** Job runs ended since `since` by outcome (services' starts are not counted). */
	outcomeCountsSince(since: number): OutcomeCounts {
		const row = this.s.selectOutcomeCounts.get(since) as {runs: number; succeeded: number | null; failed: number | null; cancelled: number | null};
		return {runs: row.runs, succeeded: row.succeeded ?? 0, failed: row.failed ?? 0, cancelled: row.cancelled ?? 0};
	}

	successesSince(fromTradeDate: string): Array<{jobId: string; tradeDate: string}> {
		return (this.s.selectSuccessesSince.all(fromTradeDate) as Array<{job_id: string; trade_date: string}>).map(row => ({jobId: row.job_id, tradeDate: row.trade_date}));
	}

	/** The successful runs of `run`'s job for its trade date asked for after it, oldest first. */
	successesAfter(run: Pick<RunRecord, 'id' | 'jobId' | 'tradeDate'>): RunRecord[] {
		return (this.s.selectSuccessesAfter.all(run.jobId, run.tradeDate ?? null, run.id) as RunRow[]).map(row => rowToRun(row));
	}

	/** The newest `limit` links of a retry to the run it is the next attempt of, oldest first. */
	retryLinks(limit: number): Array<{runId: number; retryId: number}> {
		return (this.s.selectRetryLinks.all(limit) as Array<{retry_of: number; id: number}>).map(row => ({runId: row.retry_of, retryId: row.id}));
	}

	/**
	 * The newest `limit` failures (by end) of the runs scheduled since `since`, and of the runs of any
	 * earlier day that ended since `since`, newest first: a job failing every few seconds has thousands
	 * a day, stacks included, and a reload on the scheduler's thread read every one to keep the newest 100.
	 */
	failuresSince(since: number, limit: number): RunRecord[] {
		return (this.s.selectNewestFailuresSince.all({since, limit}) as RunRow[]).map(row => rowToRun(row));
	}

	lastFinishedRun(jobId: string): RunRecord | undefined {
		const row = this.s.selectLastFinished.get(jobId) as RunRow | undefined;
		return row && rowToRun(row);
	}

	lastRunsByJob(jobIds: readonly string[]): Map<string, RunRecord> {
		const runs = new Map<string, RunRecord>();
		for (const jobId of jobIds) {
			const run = this.lastFinishedRun(jobId);
			if (run) {
				runs.set(jobId, run);
			}
		}

		return runs;
	}
}
