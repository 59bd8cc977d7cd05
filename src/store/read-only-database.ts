/**
 * The history database opened only to read it, for the commands that read (`history`, `show`, `logs`,
 * `list`, `plan`): they work beside a live scheduler, and where data/ is read-only (a read-only mount,
 * or the data of another user that the operator may read but not write).
 */
import {accessSync, constants, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {fullDiskNote, isShmSizeError} from './full-disk-note.js';
import {migrations} from './migrations.js';
import {DatabaseError, openDatabase, type SqliteDatabase} from './open-database.js';

/**
 * Opens `file` read-only. SQLite reads a WAL database only when its -shm and -wal files exist or can
 * be created: with neither there and the folder not writable (the scheduler stopped and removed them),
 * the file is read into memory instead — it holds every committed run then — and opened from there;
 * so it is when the disk is full and SQLite cannot size a -shm file.
 * A database older than this sage-console is brought up to date when its folder is writable, else refused.
 * @throws DatabaseError when it cannot be read, saying why
 */
export function openDatabaseForReading(file: string): SqliteDatabase {
	let db: SqliteDatabase;
	try {
		db = new Database(file, {readonly: true, fileMustExist: true, timeout: 5000});
	} catch (error) {
		throw new DatabaseError(`cannot read ${file}: ${(error as Error).message}`, {cause: error});
	}

	let version: number;
	try {
		version = db.pragma('user_version', {simple: true}) as number;
	} catch (error) {
		db.close();
		// CANTOPEN (root on a read-only mount), READONLY_DIRECTORY (another user's folder), SHMSIZE (a full disk): no -shm to be had.
		const code = (error as {code?: string}).code ?? '';
		const full = isShmSizeError(error);
		if (!(full || code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_READONLY')) || (!full && writable(path.dirname(file)))) {
			throw new DatabaseError(`cannot read ${file}: ${(error as Error).message}${fullDiskNote(error, path.dirname(file))}`, {cause: error});
		}

		db = fromMemory(file, full ? 'its disk is full' : 'its folder is read-only');
		version = db.pragma('user_version', {simple: true}) as number;
	}

	if (version > migrations.length) {
		db.close();
		throw new DatabaseError(`the database schema is version ${version}, newer than this sage-console (${migrations.length}); upgrade sage-console`);
	}

	if (version < migrations.length) {
		db.close();
		if (!writable(path.dirname(file))) {
			throw new DatabaseError(`cannot read ${file}: its schema is version ${version}, older than this sage-console's (${migrations.length}), and its folder is read-only; start sage-console once where it may write data/ to upgrade it, or use the sage-console that wrote it`);
		}

		return openDatabase(file);
	}

	return db;
}

/** The committed database as the file holds it, in memory; refused when a -wal file holds commits not in it yet (`why` no -shm can be had). */
function fromMemory(file: string, why: string): SqliteDatabase {
	const wal = `${file}-wal`;
	if (sizeOf(wal) > 0) {
		throw new DatabaseError(`cannot read ${file}: ${path.basename(wal)} holds runs not yet in the database and ${why} (SQLite needs to create ${path.basename(file)}-shm beside it to read them); read it where data/ is writable, or start sage-console there once to fold them in`);
	}

	let bytes: Buffer;
	try {
		bytes = readFileSync(file);
	} catch (error) {
		throw new DatabaseError(`cannot read ${file}: ${(error as Error).message}`, {cause: error});
	}

	// Bytes 18 and 19 say "WAL mode" (2); an in-memory copy has no WAL, so it reads as a rollback-journal database (1).
	if (bytes.length >= 20) {
		bytes[18] = 1;
		bytes[19] = 1;
	}

	try {
		return new Database(bytes, {readonly: true});
	} catch (error) {
		throw new DatabaseError(`cannot read ${file}: ${(error as Error).message}`, {cause: error});
	}
}

function writable(folder: string): boolean {
	try {
		accessSync(folder, constants.W_OK);
		return true;
	} catch {
		return false;
	}
}

function sizeOf(file: string): number {
	try {
		return statSync(file).size;
	} catch {
		return 0;
	}
}
