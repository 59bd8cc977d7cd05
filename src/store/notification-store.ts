import type {NotificationRecord, NotificationStore, UntoldFailure} from '../notify/notification-types.js';
import type Database from 'better-sqlite3';
import type {SqliteDatabase} from './open-database.js';
import {keepJsonSetting, readJsonSetting} from '../core/json-setting.js';
import {SchedulerSettings} from './scheduler-settings.js';
import {readProcStat} from '../executors/proc-stat.js';

type Statement = Database.Statement;

/** A `settings` row per job whose failure alert reached no channel, as `deadline-told:JOB` rows are kept (heartbeat-store.ts). */
const untoldPrefix = 'alert-untold:';

type Row = {
	id: number; run_id: number | null; job_id: string | null; kind: string; channel: string; recipient: string; status: string;
	attempts: number; error: string | null; created_at: number; finished_at: number | null;
};

/** Delivery records and alert (dedupe) state over SQLite; failure alerts that reached no channel in `settings`. */
export class SqliteNotificationStore implements NotificationStore {
	private insert!: Statement;
	private byRun!: Statement;
	private selectAlert!: Statement;
	private upsertAlert!: Statement;
	private settings!: SchedulerSettings;
	/** This process's start time: with its pid, the owner of the deliveries it queues (left-deliveries-at-start.ts). */
	private readonly ownStart = readProcStat(process.pid)?.startTicks ?? null;

	constructor(private db: SqliteDatabase) {
		this.prepare(db);
	}

	/** Goes on with another connection (the database file was restored after it was deleted). */
	reattach(db: SqliteDatabase): void {
		this.db = db;
		this.prepare(db);
	}

	private prepare(db: SqliteDatabase): void {
		this.insert = db.prepare(`INSERT INTO notifications (run_id, job_id, kind, channel, recipient, status, attempts, error, created_at, finished_at, pid, proc_start)
			VALUES (@run_id, @job_id, @kind, @channel, @recipient, @status, @attempts, @error, @created_at, @finished_at, @pid, @proc_start)`);
		this.byRun = db.prepare('SELECT * FROM notifications WHERE run_id = ? ORDER BY id');
		this.selectAlert = db.prepare('SELECT failing, failures, since FROM alert_state WHERE job_id = ?');
		this.upsertAlert = db.prepare('INSERT INTO alert_state (job_id, failing, failures, since) VALUES (?, ?, ?, ?) ON CONFLICT(job_id) DO UPDATE SET failing = excluded.failing, failures = excluded.failures, since = excluded.since');
		this.settings = new SchedulerSettings(db);
	}

	insertNotification(record: Omit<NotificationRecord, 'id'>): number {
		return Number(this.insert.run({
			run_id: record.runId ?? null, job_id: record.jobId ?? null, kind: record.kind, channel: record.channel, recipient: record.recipient,
			status: record.status, attempts: record.attempts, error: record.error ?? null, created_at: record.createdAt, finished_at: record.finishedAt ?? null,
			pid: process.pid, proc_start: this.ownStart,
		}).lastInsertRowid);
	}

	updateNotification(id: number, patch: Partial<Pick<NotificationRecord, 'status' | 'attempts' | 'error' | 'finishedAt'>>): void {
		const columns: Record<string, unknown> = {};
		if (patch.status !== undefined) columns.status = patch.status;
		if (patch.attempts !== undefined) columns.attempts = patch.attempts;
		if ('error' in patch) columns.error = patch.error ?? null;
		if (patch.finishedAt !== undefined) columns.finished_at = patch.finishedAt;
		const names = Object.keys(columns);
		if (names.length > 0) {
			this.db.prepare(`UPDATE notifications SET ${names.map(name => `${name} = @${name}`).join(', ')} WHERE id = @id`).run({...columns, id});
		}
	}

	/** Deliveries still 'pending', with the process that queued them (null for rows from before that was kept). */
	pendingDeliveries(): Array<{id: number; pid: number | null; procStart: number | null}> {
		return this.db.prepare("SELECT id, pid, proc_start AS procStart FROM notifications WHERE status = 'pending' ORDER BY id").all() as Array<{id: number; pid: number | null; procStart: number | null}>;
	}

	notificationsForRun(runId: number): NotificationRecord[] {
		return (this.byRun.all(runId) as Row[]).map(row => ({
			id: row.id, runId: row.run_id ?? undefined, jobId: row.job_id ?? undefined, kind: row.kind as NotificationRecord['kind'],
			channel: row.channel as NotificationRecord['channel'], recipient: row.recipient, status: row.status as NotificationRecord['status'],
			attempts: row.attempts, error: row.error ?? undefined, createdAt: row.created_at, finishedAt: row.finished_at ?? undefined,
		}));
	}

	alertState(jobId: string): {failing: boolean; failures: number; since?: number} | undefined {
		const row = this.selectAlert.get(jobId) as {failing: number; failures: number; since: number | null} | undefined;
		return row && {failing: row.failing === 1, failures: row.failures, since: row.since ?? undefined};
	}

	setAlertState(jobId: string, state: {failing: boolean; failures: number; since?: number}): void {
		this.upsertAlert.run(jobId, state.failing ? 1 : 0, state.failures, state.since ?? null);
	}

	untoldFailure(jobId: string): UntoldFailure | undefined {
		// A row no one can read is an alert told: at worst a repeat is silent, as before it was kept.
		return readJsonSetting(this.settings, `${untoldPrefix}${jobId}`, value => (typeof value.runId === 'number' && typeof value.at === 'number' ? value as UntoldFailure : undefined));
	}

	setUntoldFailure(jobId: string, untold: UntoldFailure | undefined): void {
		keepJsonSetting(this.settings, `${untoldPrefix}${jobId}`, untold);
	}
}
