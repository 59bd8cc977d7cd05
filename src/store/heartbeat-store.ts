import type Database from 'better-sqlite3';
import type {HeartbeatRecord, HeartbeatStorePort} from '../scheduler/watch-ports.js';
import type {SqliteDatabase} from './open-database.js';

const prefix = 'heartbeat:';

/**
 * Heartbeat jobs' last pings and alerted states, kept across restarts in the `settings` table (one
 * `heartbeat:JOB` row each): a handful of rows, no schema change.
 */
export class SqliteHeartbeatStore implements HeartbeatStorePort {
	private selectAll!: Database.Statement;
	private upsert!: Database.Statement;

	constructor(db: SqliteDatabase) {
		this.reattach(db);
	}

	/** Goes on with another connection (the database file was restored after it was deleted). */
	reattach(db: SqliteDatabase): void {
		this.selectAll = db.prepare(`SELECT key, value FROM settings WHERE key LIKE '${prefix}%'`);
		this.upsert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
	}

	heartbeats(): Map<string, HeartbeatRecord> {
		const rows = this.selectAll.all() as Array<{key: string; value: string}>;
		const records = new Map<string, HeartbeatRecord>();
		for (const row of rows) {
			try {
				records.set(row.key.slice(prefix.length), JSON.parse(row.value) as HeartbeatRecord);
			} catch {
				// A row no one can read is a heartbeat never seen: it starts as new.
			}
		}

		return records;
	}

	setHeartbeat(jobId: string, record: HeartbeatRecord): void {
		this.upsert.run(`${prefix}${jobId}`, JSON.stringify(record));
	}
}
