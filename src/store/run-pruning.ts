import type {SqliteDatabase} from './open-database.js';

/**
 * Runs deleted per retention batch. A deleted row updates six indexes (~18 µs at a million rows), and
 * where deletes empty index pages a batch costs several times more: 50 rows keep a batch near 1 ms
 * (p99.9 ~10 ms); 100 rows reached 15 ms, 500 held the scheduler's thread 50 ms.
 */
export const pruneBatchSize = 50;

function prepareStatements(db: SqliteDatabase) {
	return {
		selectPrunable: db.prepare(`SELECT id, log_path FROM runs WHERE scheduled_at < ? AND status NOT IN ('queued', 'running') ORDER BY scheduled_at LIMIT ?`),
		deleteRun: db.prepare('DELETE FROM runs WHERE id = ?'),
		deleteDeliveries: db.prepare('DELETE FROM notifications WHERE run_id = ?'),
		deleteRunlessDeliveries: db.prepare(`DELETE FROM notifications WHERE id IN (
			SELECT id FROM notifications WHERE run_id IS NULL AND created_at < ? LIMIT ?
		)`),
	};
}

/**
 * Retention's deletes of old finished runs, with their alerts' delivery records (kept for `show`; left
 * behind, they grew by every alert for as long as the box ran), in batches short enough for the
 * scheduler's thread.
 */
export class RunPruning {
	private readonly s: ReturnType<typeof prepareStatements>;

	constructor(private readonly db: SqliteDatabase) {
		this.s = prepareStatements(db);
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
				this.s.deleteDeliveries.run(row.id);
			}
		})();
		return {deleted: rows.length, logPaths: rows.flatMap(row => (row.log_path ? [row.log_path] : []))};
	}

	/**
	 * Deletes one batch of delivery records older than the cut-off that belong to no run (heartbeat,
	 * deadline and `notify test` alerts: no run's delete takes them along); returns how many.
	 */
	pruneRunlessDeliveriesBefore(cutoff: number, batchSize = pruneBatchSize): number {
		return this.s.deleteRunlessDeliveries.run(cutoff, batchSize).changes;
	}
}
