import {accessSync, chmodSync, closeSync, constants, existsSync, mkdirSync, openSync, statSync} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {DatabaseError} from './database-error.js';
import {fullDiskNote} from './full-disk-note.js';
import {migrations} from './migrations.js';

export type SqliteDatabase = Database.Database;

export {DatabaseError};

/**
 * Opens (creating if needed) the history database in WAL mode and brings its schema up to date.
 * Automatic checkpoints are off: a checkpoint on the scheduler's thread was seen stalling it for
 * 54–293 ms, so checkpoints run from a separate worker (see checkpointer.ts). The commands that only
 * read open it with `openDatabaseForReading` (read-only-database.ts).
 */
export function openDatabase(file: string): SqliteDatabase {
	try {
		mkdirSync(path.dirname(file), {recursive: true, mode: 0o750});
	} catch (error) {
		throw new DatabaseError(`cannot create the folder for ${file}: ${(error as Error).message}`, {cause: error});
	}

	try {
		accessSync(path.dirname(file), constants.W_OK);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const why = code === 'EROFS' ? 'it is on a read-only file system' : (code === 'EACCES' ? 'permission denied' : (error as Error).message);
		throw new DatabaseError(`cannot write the history database ${file}: ${why} (the commands that only read it — history, show, logs, list, plan — still work)`, {cause: error});
	}

	keepPrivate(file);
	let db: SqliteDatabase;
	try {
		db = new Database(file, {timeout: 5000});
	} catch (error) {
		throw new DatabaseError(`cannot open ${file}: ${(error as Error).message}${fullDiskNote(error, path.dirname(file))}`, {cause: error});
	}

	try {
		db.pragma('journal_mode = WAL');
		db.pragma('synchronous = NORMAL');
		db.pragma('wal_autocheckpoint = 0');
		db.pragma('journal_size_limit = 67108864');
		db.pragma('foreign_keys = ON');
		migrate(db);
	} catch (error) {
		db.close();
		throw new DatabaseError(`cannot prepare ${file}: ${(error as Error).message}${fullDiskNote(error, path.dirname(file))}`, {cause: error});
	}

	return db;
}

/**
 * History holds job parameters, errors and results: only its owner may read it. The file is made
 * 0600 before SQLite opens it (SQLite gives the -wal and -shm files the database's mode), and an
 * older, more open file is narrowed.
 */
function keepPrivate(file: string): void {
	try {
		closeSync(openSync(file, 'a', 0o600));
		for (const part of [file, `${file}-wal`, `${file}-shm`]) {
			if (existsSync(part) && (statSync(part).mode & 0o077) !== 0) {
				chmodSync(part, 0o600);
			}
		}
	} catch {
		// Not ours to narrow (another owner): SQLite says what it can't do when it opens the file.
	}
}

function migrate(db: SqliteDatabase): void {
	const version = db.pragma('user_version', {simple: true}) as number;
	if (version > migrations.length) {
		throw new DatabaseError(`the database schema is version ${version}, newer than this sage-console (${migrations.length}); upgrade sage-console`);
	}

	for (let next = version; next < migrations.length; next++) {
		try {
			db.transaction(() => {
				db.exec(migrations[next]!);
				db.pragma(`user_version = ${next + 1}`);
			}).immediate();
		} catch (error) {
			// Each step is one transaction: the file stays as the last step left it, for the sage-console that wrote it.
			// SQLite's code kept: a full disk is still told as one (fullDiskNote).
			throw Object.assign(new Error(`upgrading its schema from version ${next} to ${next + 1} (of ${migrations.length}) failed, so it stays at version ${next}: ${(error as Error).message}`, {cause: error}), {code: (error as {code?: unknown}).code});
		}
	}
}
