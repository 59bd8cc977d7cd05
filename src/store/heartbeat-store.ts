import type Database from 'better-sqlite3';
import type {HeartbeatRecord, ToldDeadline, WatchStorePort} from '../scheduler/watch-ports.js';
import type {SqliteDatabase} from './open-database.js';

const prefix = 'heartbeat:';
const deadlinePrefix = 'deadline-told:';
/** One row for all jobs; its key is outside the `deadline-told:` rows' prefix. */
const watchedUpToKey = 'deadline-watched-up-to';

/**
 * What the job watches keep across restarts, in the `settings` table: heartbeat jobs' last pings and
 * alerted states (a `heartbeat:JOB` row each) and the deadlines told and not made up yet (a
 * `deadline-told:JOB` row each), and up to when the deadlines were last looked at (`deadline-watched-up-to`).
 * A handful of rows, no schema change.
 */
export class SqliteHeartbeatStore implements WatchStorePort {
	private selectAll!: Database.Statement;
	private selectDeadlines!: Database.Statement;
	private upsert!: Database.Statement;
	private remove!: Database.Statement;
	private selectOne!: Database.Statement;

	/**
	 * `schedules`: false for a one-off `run` (no scheduler): it neither tells the deadlines that passed
	 * while no scheduler ran nor counts as having looked at them; the next scheduler's start does both.
	 * @default true
	 */
	constructor(db: SqliteDatabase, private readonly options: {schedules?: boolean} = {}) {
		this.reattach(db);
	}

	/** Goes on with another connection (the database file was restored after it was deleted). */
	reattach(db: SqliteDatabase): void {
		this.selectAll = db.prepare(`SELECT key, value FROM settings WHERE key LIKE '${prefix}%'`);
		this.selectDeadlines = db.prepare(`SELECT key, value FROM settings WHERE key LIKE '${deadlinePrefix}%'`);
		this.upsert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
		this.remove = db.prepare('DELETE FROM settings WHERE key = ?');
		this.selectOne = db.prepare('SELECT value FROM settings WHERE key = ?');
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

	toldDeadlines(): Map<string, ToldDeadline> {
		const rows = this.selectDeadlines.all() as Array<{key: string; value: string}>;
		const told = new Map<string, ToldDeadline>();
		for (const row of rows) {
			try {
				const value = JSON.parse(row.value) as ToldDeadline;
				if (typeof value.day === 'string' && typeof value.at === 'number') {
					told.set(row.key.slice(deadlinePrefix.length), value);
				}
			} catch {
				// A row no one can read is a deadline not told: at worst it is told again.
			}
		}

		return told;
	}

	setToldDeadline(jobId: string, told: ToldDeadline | undefined): void {
		if (told === undefined) {
			this.remove.run(`${deadlinePrefix}${jobId}`);
		} else {
			this.upsert.run(`${deadlinePrefix}${jobId}`, JSON.stringify(told));
		}
	}

	deadlinesWatchedUpTo(): number | undefined {
		if (this.options.schedules === false) {
			return undefined;
		}

		const row = this.selectOne.get(watchedUpToKey) as {value: string} | undefined;
		const at = row === undefined ? Number.NaN : Number(row.value);
		// A row no one can read is as none: nothing is told at this start.
		return Number.isFinite(at) ? at : undefined;
	}

	setDeadlinesWatchedUpTo(at: number): void {
		if (this.options.schedules === false) {
			return;
		}

		this.upsert.run(watchedUpToKey, String(at));
	}
}
