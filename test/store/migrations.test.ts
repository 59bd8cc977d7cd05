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
		// Back to schema version 3, as sage-console left it before: a finish-time index, and per-job and
		// trade-date indexes over every run.
		const raw = new Database(file);
		raw.exec(`
			DROP INDEX runs_by_job_ended;
			DROP INDEX runs_succeeded;
			CREATE INDEX runs_by_finish ON runs (finished_at);
			CREATE INDEX runs_by_job ON runs (job_id, scheduled_at);
			CREATE INDEX runs_by_trade_date ON runs (trade_date, job_id, status);
			ALTER TABLE runs DROP COLUMN pid;
			ALTER TABLE runs DROP COLUMN pgid;
			ALTER TABLE runs DROP COLUMN proc_start;
			ALTER TABLE runs DROP COLUMN worker;
			ALTER TABLE runs DROP COLUMN params;
			ALTER TABLE runs DROP COLUMN over_max_duration_at;
			ALTER TABLE runs DROP COLUMN max_duration_ms;
			DROP INDEX runs_retry_of;
			ALTER TABLE runs DROP COLUMN retry_of;
			ALTER TABLE notifications DROP COLUMN pid;
			ALTER TABLE notifications DROP COLUMN proc_start;
			DROP TABLE settings;
		`);
		raw.pragma('user_version = 3');
		raw.prepare(`INSERT INTO runs (job_id, trigger, status, scheduled_at, finished_at, attempt, trade_date) VALUES ('bars', 'schedule', 'success', 1000, 2000, 1, '2026-11-20')`).run();
		raw.prepare(`INSERT INTO runs (job_id, trigger, status, scheduled_at, attempt, trade_date) VALUES ('bars', 'schedule', 'queued', 3000, 1, '2026-11-20')`).run();
		raw.close();

		const db = openDatabase(file);
		expect(db.pragma('user_version', {simple: true})).toBe(migrations.length);
		expect(indexesOfRuns(db)).toEqual(['runs_by_job_ended', 'runs_by_status', 'runs_by_time', 'runs_failed_by_finish', 'runs_last_finished', 'runs_retry_of', 'runs_succeeded']);
		const store = new HistoryStore(db);
		expect(store.query({limit: 10})).toMatchObject([{jobId: 'bars', status: 'queued'}, {jobId: 'bars', status: 'success', scheduledAt: 1000, finishedAt: 2000}]);
		expect(store.query({jobId: 'bars'}).map(run => run.status)).toEqual(['queued', 'success']);
		expect(store.successesSince('2026-11-20')).toEqual([{jobId: 'bars', tradeDate: '2026-11-20'}]);
		db.close();
	});
	it('keeps a job paused by an operator, and lets jobs.yaml decide for the rows every job used to get with paused 0', () => {
		root = makeTempRoot();
		const file = path.join(root.dir, 'data', 'sage.db');
		openDatabase(file).close();
		// Back to the version before: every job_state row had a pause, 0 when nobody had set one.
		const raw = new Database(file);
		raw.exec(`
			DROP TABLE job_state;
			CREATE TABLE job_state (job_id TEXT PRIMARY KEY, paused INTEGER NOT NULL DEFAULT 0, last_fire_at INTEGER, interval_anchor INTEGER);
			INSERT INTO job_state (job_id, paused, last_fire_at) VALUES ('held', 1, 5000), ('plain', 0, 6000);
			INSERT INTO job_state (job_id, interval_anchor) VALUES ('every', 7000);
			ALTER TABLE runs DROP COLUMN params;
			ALTER TABLE runs DROP COLUMN over_max_duration_at;
			ALTER TABLE runs DROP COLUMN max_duration_ms;
			DROP INDEX runs_retry_of;
			ALTER TABLE runs DROP COLUMN retry_of;
			ALTER TABLE notifications DROP COLUMN pid;
			ALTER TABLE notifications DROP COLUMN proc_start;
		`);
		raw.pragma(`user_version = ${migrations.findIndex(migration => migration.includes('job_state_next'))}`);
		raw.close();

		const db = openDatabase(file);
		const states = new HistoryStore(db).jobStates();
		expect(Object.fromEntries(states)).toEqual({
			held: {paused: true, lastFireAt: 5000, intervalAnchor: undefined},
			plain: {paused: undefined, lastFireAt: 6000, intervalAnchor: undefined},
			every: {paused: undefined, lastFireAt: undefined, intervalAnchor: 7000},
		});
		new HistoryStore(db).setPaused('plain', false);
		expect(new HistoryStore(db).jobStates().get('plain')?.paused).toBe(false);
		db.close();
	});
});
