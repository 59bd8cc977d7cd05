import type Database from 'better-sqlite3';
import type {AbandonedRun, HistoryPort, JobState} from '../scheduler/ports.js';
import type {HistoryQuery} from '../protocol/messages.js';
import type {ProcessIdentity} from '../executors/executor.js';
import {failureStatuses, type NewRun, type RunPatch, type RunRecord, type RunStatus} from '../core/run-record.js';
import type {SqliteDatabase} from './open-database.js';
import {patchToColumns, rowProcess, rowToRun, serializeResult, type RunRow} from './run-row.js';

/**
 * Runs deleted per retention batch. A deleted row updates six indexes (~18 µs at a million rows), and
 * where deletes empty index pages a batch costs several times more: 50 rows keep a batch near 1 ms
 * (p99.9 ~10 ms); 100 rows reached 15 ms, 500 held the scheduler's thread 50 ms.
 */
export const pruneBatchSize = 50;

/** Statuses of runs not yet ended, and as the SQL list the partial indexes of migration 5 are defined with. */
const liveStatusList: readonly RunStatus[] = ['queued', 'running'];
const liveStatuses = `(${liveStatusList.map(status => `'${status}'`).join(', ')})`;

/** A history query's filters other than the job, after `first` (whose arguments the caller passes). */
function conditions(query: HistoryQuery, first?: string): {where: string; args: unknown[]} {
	const where = first ? [first] : [];
	const args: unknown[] = [];
	if (query.status !== undefined) {
		where.push('status = ?');
		args.push(query.status);
	}

	if (query.since !== undefined) {
		where.push('scheduled_at >= ?');
		args.push(query.since);
	}

	if (query.until !== undefined) {
		where.push('scheduled_at < ?');
		args.push(query.until);
	}

	if (query.trigger !== undefined) {
		where.push('trigger = ?');
		args.push(query.trigger);
	}

	if (query.beforeId !== undefined) {
		where.push('id < ?');
		args.push(query.beforeId);
	}

	return {where: where.length > 0 ? `WHERE ${where.join(' AND ')}` : '', args};
}

/** The columns a new run is written with, in the order of runValues(). */
const runColumns = ['job_id', 'trigger', 'status', 'scheduled_at', 'started_at', 'finished_at', 'duration_ms', 'attempt', 'progress', 'message', 'error_type', 'error_message', 'error_stack', 'result', 'log_path', 'trade_date'] as const;

/** A new run's values by position: better-sqlite3 binds these ~25% faster than named ones (each a property lookup). */
function runValues(run: NewRun): unknown[] {
	return [
		run.jobId, run.trigger, run.status, run.scheduledAt, run.startedAt ?? null, run.finishedAt ?? null, run.durationMs ?? null, run.attempt, run.progress ?? null,
		run.message ?? null, run.error?.type ?? null, run.error?.message ?? null, run.error?.stack ?? null, serializeResult(run.result), run.logPath ?? null, run.tradeDate ?? null,
	];
}

/** Every statement the store runs, prepared once per database connection. */
function prepareStatements(db: SqliteDatabase) {
	return {
		selectRun: db.prepare('SELECT * FROM runs WHERE id = ?'),
		selectFailuresSince: db.prepare(`SELECT * FROM runs WHERE status IN (${[...failureStatuses].map(status => `'${status}'`).join(', ')}) AND scheduled_at >= ?`),
		selectLastFinished: db.prepare(`SELECT * FROM runs WHERE job_id = ? AND status NOT IN ('queued', 'running', 'skipped') ORDER BY scheduled_at DESC LIMIT 1`),
		selectStates: db.prepare('SELECT job_id, paused, last_fire_at, interval_anchor FROM job_state'),
		upsertPaused: db.prepare('INSERT INTO job_state (job_id, paused) VALUES (?, ?) ON CONFLICT(job_id) DO UPDATE SET paused = excluded.paused'),
		upsertFire: db.prepare('INSERT INTO job_state (job_id, last_fire_at) VALUES (?, ?) ON CONFLICT(job_id) DO UPDATE SET last_fire_at = excluded.last_fire_at'),
		upsertAnchor: db.prepare('INSERT INTO job_state (job_id, interval_anchor) VALUES (?, ?) ON CONFLICT(job_id) DO UPDATE SET interval_anchor = excluded.interval_anchor'),
		selectAbandoned: db.prepare(`SELECT * FROM runs WHERE status IN ('queued', 'running')`),
		selectPrunable: db.prepare(`SELECT id, log_path FROM runs WHERE scheduled_at < ? AND status NOT IN ('queued', 'running') ORDER BY scheduled_at LIMIT ?`),
		deleteRun: db.prepare('DELETE FROM runs WHERE id = ?'),
		selectMaxId: db.prepare('SELECT MAX(id) AS max FROM runs'),
		insertRunWithId: db.prepare(`INSERT INTO runs (id, ${runColumns.join(', ')}) VALUES (?, ${runColumns.map(() => '?').join(', ')})`),
		selectOutcomeCounts: db.prepare(`SELECT COUNT(*) AS runs, SUM(status = 'success') AS succeeded, SUM(status IN (${[...failureStatuses].map(status => `'${status}'`).join(', ')})) AS failed FROM runs WHERE scheduled_at >= ? AND status NOT IN ('queued', 'running', 'skipped')`),
		selectSuccessesSince: db.prepare(`SELECT DISTINCT job_id, trade_date FROM runs INDEXED BY runs_succeeded WHERE status = 'success' AND trade_date >= ?`),
		selectSetting: db.prepare('SELECT value FROM settings WHERE key = ?'),
		upsertSetting: db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
		deleteSetting: db.prepare('DELETE FROM settings WHERE key = ?'),
	};
}

/** Run history and job state over SQLite; every statement prepared once. */
export class HistoryStore implements HistoryPort {
	private s: ReturnType<typeof prepareStatements>;
	/** Statements whose text is built from what a call names (updates by their columns, queries by their filters). */
	private readonly updateCache = new Map<string, Database.Statement<unknown[]>>();
	private lastRunId = 0;
	private maxIdRead = false;

	constructor(private db: SqliteDatabase) {
		this.s = prepareStatements(db);
	}

	/**
	 * Goes on with another connection (the database file was restored after it was deleted from under
	 * the scheduler): the same statements, prepared on it.
	 */
	reattach(db: SqliteDatabase): void {
		this.db = db;
		this.s = prepareStatements(db);
		this.updateCache.clear();
	}

	/**
	 * The next free run id: one more than the highest in the table or handed out here. Ids are handed
	 * out before their rows are written (writes wait while the database is locked), and a one-off `run`
	 * process beside the scheduler writes its row at once, so both see each other's ids. The table is
	 * read once per piece of work (a second's fires take a hundred ids in one), not once per id.
	 */
	nextRunId(): number {
		if (!this.maxIdRead) {
			const {max} = this.s.selectMaxId.get() as {max: number | null};
			this.lastRunId = Math.max(this.lastRunId, max ?? 0);
			this.maxIdRead = true;
			queueMicrotask(() => {
				this.maxIdRead = false;
			});
		}

		return ++this.lastRunId;
	}

	/** Writes a run with the id it was given. */
	insertRun(run: RunRecord): void {
		this.s.insertRunWithId.run([run.id, ...runValues(run)]);
	}

	/** One transaction; nested, a savepoint (a failed inner write rolls back alone). */
	atomically(work: () => void): void {
		this.db.transaction(work)();
	}

	/** Runs left queued or running by a process that died, with the process each ran in. */
	abandonedRuns(): AbandonedRun[] {
		return (this.s.selectAbandoned.all() as RunRow[]).map(row => ({...rowToRun(row), process: rowProcess(row)}));
	}

	outcomeCountsSince(since: number): {runs: number; succeeded: number; failed: number} {
		const row = this.s.selectOutcomeCounts.get(since) as {runs: number; succeeded: number | null; failed: number | null};
		return {runs: row.runs, succeeded: row.succeeded ?? 0, failed: row.failed ?? 0};
	}

	successesSince(fromTradeDate: string): Array<{jobId: string; tradeDate: string}> {
		return (this.s.selectSuccessesSince.all(fromTradeDate) as Array<{job_id: string; trade_date: string}>).map(row => ({jobId: row.job_id, tradeDate: row.trade_date}));
	}

	schedulerPaused(): boolean {
		return this.setting('paused') === '1';
	}

	setSchedulerPaused(paused: boolean): void {
		this.s.upsertSetting.run('paused', paused ? '1' : '0');
	}

	/** A scheduler-wide setting kept across restarts (a service's hold…), as text. */
	setting(key: string): string | undefined {
		return (this.s.selectSetting.get(key) as {value: string} | undefined)?.value;
	}

	/** Keeps `value` under `key`; undefined removes it. */
	setSetting(key: string, value: string | undefined): void {
		if (value === undefined) {
			this.s.deleteSetting.run(key);
		} else {
			this.s.upsertSetting.run(key, value);
		}
	}

	updateRun(id: number, patch: RunPatch & {process?: ProcessIdentity}): void {
		const columns = patchToColumns(patch);
		const names = Object.keys(columns);
		if (names.length === 0) {
			return;
		}

		const key = names.join(',');
		let statement = this.updateCache.get(key);
		if (!statement) {
			statement = this.db.prepare(`UPDATE runs SET ${names.map(name => `${name} = ?`).join(', ')} WHERE id = ?`);
			this.updateCache.set(key, statement);
		}

		// Bound by position (in the columns' order): named values cost a lookup each.
		statement.run([...Object.values(columns), id]);
	}

	getRun(id: number): RunRecord | undefined {
		const row = this.s.selectRun.get(id) as RunRow | undefined;
		return row && rowToRun(row);
	}

	failuresSince(since: number): RunRecord[] {
		return (this.s.selectFailuresSince.all(since) as RunRow[]).map(row => rowToRun(row));
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

	jobStates(): Map<string, JobState> {
		const rows = this.s.selectStates.all() as Array<{job_id: string; paused: number; last_fire_at: number | null; interval_anchor: number | null}>;
		return new Map(rows.map(row => [row.job_id, {
			paused: row.paused === 1,
			lastFireAt: row.last_fire_at ?? undefined,
			intervalAnchor: row.interval_anchor ?? undefined,
		}]));
	}

	setPaused(jobId: string, paused: boolean): void {
		this.s.upsertPaused.run(jobId, paused ? 1 : 0);
	}

	recordFire(jobId: string, at: number): void {
		this.s.upsertFire.run(jobId, at);
	}

	setIntervalAnchor(jobId: string, at: number): void {
		this.s.upsertAnchor.run(jobId, at);
	}

	/** Newest first, for `history` and the console. */
	query(query: HistoryQuery): RunRecord[] {
		const limit = query.limit ?? 50;
		const order = 'ORDER BY scheduled_at DESC, id DESC';
		if (query.jobId === undefined) {
			const {where, args} = conditions(query);
			return this.rows(`SELECT * FROM runs ${where} ${order} LIMIT ?`, [...args, limit]);
		}

		// A job's ended runs are on runs_by_job_ended, its queued and running ones on runs_by_status;
		// each index is only used when the query repeats its condition word for word.
		const ended = conditions(query, `job_id = ? AND status NOT IN ${liveStatuses}`);
		const live = conditions(query, `status IN ${liveStatuses} AND job_id = ?`);
		if (query.status !== undefined) {
			const {where, args} = liveStatusList.includes(query.status) ? live : ended;
			return this.rows(`SELECT * FROM runs ${where} ${order} LIMIT ?`, [query.jobId, ...args, limit]);
		}

		return this.rows(
			`SELECT * FROM (SELECT * FROM runs ${ended.where} ${order} LIMIT ?) UNION ALL SELECT * FROM runs ${live.where} ${order} LIMIT ?`,
			[query.jobId, ...ended.args, limit, query.jobId, ...live.args, limit],
		);
	}

	private rows(sql: string, args: unknown[]): RunRecord[] {
		// A query's text depends only on which filters it has: a few dozen shapes, each prepared once.
		let statement = this.updateCache.get(sql);
		if (!statement) {
			statement = this.db.prepare(sql);
			this.updateCache.set(sql, statement);
		}

		return (statement.all(...args) as RunRow[]).map(row => rowToRun(row));
	}

	/**
	 * Deletes one batch of finished runs older than the cut-off (call again until it deletes fewer than
	 * `batchSize`); returns their log paths so the caller can delete the files.
	 */
	pruneBefore(cutoff: number, batchSize = pruneBatchSize): {deleted: number; logPaths: string[]} {
		const rows = this.s.selectPrunable.all(cutoff, batchSize) as Array<{id: number; log_path: string | null}>;
		this.db.transaction(() => {
			for (const row of rows) {
				this.s.deleteRun.run(row.id);
			}
		})();
		return {deleted: rows.length, logPaths: rows.flatMap(row => (row.log_path ? [row.log_path] : []))};
	}
}
