import {existsSync} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/** A `runs` row as a person inspecting the database with sqlite3 would see it. */
export type RunRow = {
	id: number; job_id: string; status: string; trigger: string; scheduled_at: number; started_at: number | null;
	progress: number | null; message: string | null; error_type: string | null; error_message: string | null; log_path: string | null;
	finished_at: number | null; pid: number | null;
};

/** Every run in ROOT/data/sage.db, oldest first; none when there is no database yet. */
export function readRuns(root: string): RunRow[] {
	const file = path.join(root, 'data/sage.db');
	if (!existsSync(file)) {
		return [];
	}

	const db = new Database(file, {readonly: true});
	try {
		return db.prepare('SELECT * FROM runs ORDER BY id').all() as RunRow[];
	} catch (error) {
		// Polled while the scheduler is still creating the schema.
		if (/no such table/.test((error as Error).message)) {
			return [];
		}

		throw error;
	} finally {
		db.close();
	}
}

/** SQLite's own verdict on the database file. */
export function integrityCheck(root: string): string {
	const db = new Database(path.join(root, 'data/sage.db'));
	try {
		return db.pragma('integrity_check', {simple: true}) as string;
	} finally {
		db.close();
	}
}

/** The rows of ROOT/data/sage.db's `settings` whose key starts with `prefix`, as key → value. */
export function readSettings(root: string, prefix: string): Record<string, string> {
	const db = new Database(path.join(root, 'data/sage.db'), {readonly: true});
	try {
		const rows = db.prepare('SELECT key, value FROM settings WHERE substr(key, 1, length(?)) = ? ORDER BY key').all(prefix, prefix) as Array<{key: string; value: string}>;
		return Object.fromEntries(rows.map(row => [row.key, row.value]));
	} finally {
		db.close();
	}
}
