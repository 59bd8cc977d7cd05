import type {RunRecord, RunStatus} from '../core/run-record.js';
import type {HistoryQuery} from '../protocol/messages.js';
import type {SqliteDatabase} from './open-database.js';
import {rowToRun, type RunRow} from './run-row.js';
import {StatementCache} from './statement-cache.js';

/** Statuses of runs not yet ended, and as the SQL list the partial indexes of migration 5 are defined with. */
const liveStatusList: readonly RunStatus[] = ['queued', 'running'];
const liveStatuses = `(${liveStatusList.map(status => `'${status}'`).join(', ')})`;

/** Where a page starts: the runs listed after this one (scheduled_at DESC, id DESC). */
type PageAnchor = {scheduledAt: number; id: number};

/** A history query's filters other than the job, after `first` (whose arguments the caller passes). */
function conditions(query: HistoryQuery, anchor: PageAnchor | undefined, first?: string): {where: string; args: unknown[]} {
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

	if (anchor) {
		// After the anchor in the listing's order, not merely a lower id: catch-up writes each job's missed
		// fires in turn (a's 10:00 and 10:01, then b's 10:00), so a higher id can be an earlier fire.
		where.push('scheduled_at <= ? AND (scheduled_at < ? OR id < ?)');
		args.push(anchor.scheduledAt, anchor.scheduledAt, anchor.id);
	} else if (query.beforeId !== undefined) {
		// The run paged from is gone (pruned): its id is all there is to go by.
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
		const anchor = query.beforeId === undefined ? undefined : this.anchor(query.beforeId);
		if (query.jobId === undefined) {
			const {where, args} = conditions(query, anchor);
			return this.rows(`SELECT * FROM runs ${where} ${order} LIMIT ?`, [...args, limit]);
		}

		// A job's ended runs are on runs_by_job_ended, its queued and running ones on runs_by_status;
		// each index is only used when the query repeats its condition word for word.
		const ended = conditions(query, anchor, `job_id = ? AND status NOT IN ${liveStatuses}`);
		const live = conditions(query, anchor, `status IN ${liveStatuses} AND job_id = ?`);
		if (query.status !== undefined) {
			const {where, args} = liveStatusList.includes(query.status) ? live : ended;
			return this.rows(`SELECT * FROM runs ${where} ${order} LIMIT ?`, [query.jobId, ...args, limit]);
		}

		return this.rows(
			`SELECT * FROM (SELECT * FROM runs ${ended.where} ${order} LIMIT ?) UNION ALL SELECT * FROM runs ${live.where} ${order} LIMIT ?`,
			[query.jobId, ...ended.args, limit, query.jobId, ...live.args, limit],
		);
	}

	private anchor(id: number): PageAnchor | undefined {
		return this.statements.get('page anchor', () => 'SELECT scheduled_at AS scheduledAt, id FROM runs WHERE id = ?').get(id) as PageAnchor | undefined;
	}

	private rows(sql: string, args: unknown[]): RunRecord[] {
		// A query's text depends only on which filters it has: a few dozen shapes, each prepared once.
		return (this.statements.get(sql, () => sql).all(...args) as RunRow[]).map(row => rowToRun(row));
	}
}
