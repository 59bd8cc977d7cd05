import type {RunRecord, RunStatus} from '../core/run-record.js';
import type {HistoryQuery} from '../protocol/messages.js';
import type {SqliteDatabase} from './open-database.js';
import {rowToRun, type RunRow} from './run-row.js';
import {StatementCache} from './statement-cache.js';

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

/** Runs by the filters of `history`, the console and the API, written so SQLite uses the indexes meant for them. */
export class HistoryQueries {
	private readonly statements: StatementCache;

	constructor(db: SqliteDatabase) {
		this.statements = new StatementCache(db);
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
		return (this.statements.get(sql, () => sql).all(...args) as RunRow[]).map(row => rowToRun(row));
	}
}
