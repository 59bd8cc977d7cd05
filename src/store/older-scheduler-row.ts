/**
 * The row by which a sage-console from before `data/sage.lock` (before 3 December 2026) held its root:
 * `scheduler_lock`, one row naming its scheduler's pid and host (src/host/older-scheduler-lock.ts).
 */
import {createRequire} from 'node:module';
import type Database from 'better-sqlite3';
import type {SqliteDatabase} from './open-database.js';

/** `startedAt`: when it took the root (ms since the epoch). */
export type OlderSchedulerRow = {pid: number; hostname: string; startedAt: number};

/** The row in `dbFile`, read without migrating it; undefined when there is none (or no such database). */
export function olderSchedulerRow(dbFile: string): OlderSchedulerRow | undefined {
	let db: SqliteDatabase;
	try {
		// Required here, not imported: a command that found no scheduler asks too, and loads SQLite only then.
		const Sqlite = createRequire(import.meta.url)('better-sqlite3') as typeof Database;
		db = new Sqlite(dbFile, {readonly: true, fileMustExist: true, timeout: 5000});
	} catch {
		return undefined; // None yet, or unreadable: opening it for the scheduler says why.
	}

	try {
		return db.prepare('SELECT pid, hostname, started_at AS startedAt FROM scheduler_lock WHERE id = 1').get() as OlderSchedulerRow | undefined;
	} catch {
		return undefined; // Not a sage-console database (no such table): opening it says so.
	} finally {
		db.close();
	}
}

/** Deletes the row, its scheduler gone (the caller holds the root now). */
export function forgetOlderSchedulerRow(db: SqliteDatabase): void {
	db.prepare('DELETE FROM scheduler_lock').run();
}
