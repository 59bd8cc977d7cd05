import path from 'node:path';
import Database from 'better-sqlite3';
import {afterEach, describe, expect, it} from 'vitest';
import {HistoryStore} from '../../src/store/history-store.js';
import {migrations} from '../../src/store/migrations.js';
import {openDatabase} from '../../src/store/open-database.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';

let root: TempRoot | undefined;
afterEach(() => {
	root?.remove();
});

const indexesOfRuns = (db: Database.Database) => (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'runs' ORDER BY name`).all() as Array<{name: string}>).map(row => row.name);

describe('upgrading a history database', () => {
	it('brings a database from an earlier version up to date in place, keeping its runs', () => {
		root = makeTempRoot();
		const file = path.join(root.dir, 'data', 'sage.db');
		const older = openDatabase(file);
		older.close();
		// Back to schema version 3, as the previous sage-console left it (with its finish-time index).
		const raw = new Database(file);
		raw.exec('CREATE INDEX IF NOT EXISTS runs_by_finish ON runs (finished_at)');
		raw.pragma('user_version = 3');
		raw.prepare(`INSERT INTO runs (job_id, trigger, status, scheduled_at, finished_at, attempt) VALUES ('bars', 'schedule', 'success', 1000, 2000, 1)`).run();
		raw.close();

		const db = openDatabase(file);
		expect(db.pragma('user_version', {simple: true})).toBe(migrations.length);
		expect(indexesOfRuns(db)).not.toContain('runs_by_finish');
		expect(new HistoryStore(db).query({limit: 10})).toMatchObject([{jobId: 'bars', status: 'success', scheduledAt: 1000, finishedAt: 2000}]);
		db.close();
	});
});
