import {copyFileSync} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {afterEach, describe, expect, it} from 'vitest';
import {Checkpointer} from '../../src/store/checkpointer.js';
import {openDatabase} from '../../src/store/open-database.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';

let root: TempRoot | undefined;
let checkpointer: Checkpointer | undefined;
afterEach(async () => {
	await checkpointer?.close();
	root?.remove();
});

const sleep = async (ms: number) => new Promise(resolve => {
	setTimeout(resolve, ms);
});

/**
 * Rows of `notes` in the database file alone, without its WAL: what a checkpoint has copied there.
 * A copy taken while a checkpoint is writing pages into the file can be torn; that reads as -1
 * ("not settled yet"), and the caller looks again.
 */
function rowsInDatabaseFile(file: string, copy: string): number {
	copyFileSync(file, copy);
	const db = new Database(copy, {readonly: true});
	try {
		return (db.prepare('SELECT count(*) AS n FROM notes').get() as {n: number}).n;
	} catch (error) {
		if ((error as {code?: string}).code === 'SQLITE_CORRUPT') {
			return -1;
		}

		throw error;
	} finally {
		db.close();
	}
}

async function waitFor(what: string, condition: () => boolean): Promise<void> {
	for (let waited = 0; !condition(); waited += 50) {
		if (waited > 20_000) {
			throw new Error(`not within 20 s: ${what}`);
		}

		await sleep(50);
	}
}

function database() {
	root = makeTempRoot();
	const file = path.join(root.dir, 'sage.db');
	const db = openDatabase(file);
	db.exec('CREATE TABLE notes (text TEXT)');
	// The table in the database file itself, so a copy of the file alone can be read.
	db.pragma('wal_checkpoint(TRUNCATE)');
	return {db, file, copy: path.join(root.dir, 'copy.db')};
}

describe('WAL checkpoints', () => {
	it('keeps no thread while nothing is written, checkpoints a burst of writes, then ends its thread', async () => {
		const {db, file, copy} = database();
		checkpointer = new Checkpointer(file, {intervalMs: 50, growthBytes: 256 * 1024, ageMs: 3_600_000, idleMs: 200});
		await sleep(300);
		expect(checkpointer.threadRunning).toBe(false);

		const insert = db.prepare('INSERT INTO notes VALUES (?)');
		db.transaction(() => {
			for (let i = 0; i < 2000; i++) {
				insert.run('x'.repeat(500));
			}
		})();
		expect(rowsInDatabaseFile(file, copy)).toBe(0);
		await waitFor('the burst reaches the database file', () => rowsInDatabaseFile(file, copy) === 2000);
		await waitFor('the idle checkpoint thread ends', () => !checkpointer!.threadRunning);
		db.close();
	});

	it('leaves a trickle of writes in the WAL until the oldest has waited ageMs', async () => {
		const {db, file, copy} = database();
		checkpointer = new Checkpointer(file, {intervalMs: 50, growthBytes: 1024 * 1024, ageMs: 4000, idleMs: 200});
		db.prepare('INSERT INTO notes VALUES (?)').run('one row');
		// Well short of the age (this wait may come 3 s late on a loaded box and still be): too young for a
		// checkpoint, however late the looks come.
		await sleep(700);
		expect(rowsInDatabaseFile(file, copy)).toBe(0);
		expect(checkpointer.threadRunning).toBe(false);
		await waitFor('the row reaches the database file', () => rowsInDatabaseFile(file, copy) === 1);
		db.close();
	});
});
