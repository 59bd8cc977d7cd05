/**
 * A history database the previous sage-console wrote (its schema: every migration but the newest)
 * opens with this one: it gains what the newest adds, keeps every row, and its runs have no params (null
 * in `show --json` and `history --json`, no params line in `show`); a run written now keeps its own.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import {expect, it} from 'vitest';
import {HistoryStore} from '../../src/store/history-store.js';
import {migrations} from '../../src/store/migrations.js';
import {openDatabase} from '../../src/store/open-database.js';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';

/** The database as the previous version made it, with two runs as it wrote them. */
function previousVersionDatabase(file: string): void {
	const db = new Database(file);
	for (const [version, migration] of migrations.slice(0, -1).entries()) {
		db.exec(migration);
		db.pragma(`user_version = ${version + 1}`);
	}

	const insert = db.prepare(`INSERT INTO runs (id, job_id, trigger, status, scheduled_at, started_at, finished_at, duration_ms, attempt, error_type, error_message, log_path, trade_date)
		VALUES (?, 'check', 'manual', ?, ?, ?, ?, ?, 1, ?, ?, ?, '2026-12-04')`);
	insert.run(1, 'failed', 1_764_830_000_000, 1_764_830_000_010, 1_764_830_001_000, 990, 'CommandFailed', 'exit code 1', '/logs/jobs/20261204_001.log');
	insert.run(2, 'success', 1_764_830_100_000, 1_764_830_100_010, 1_764_830_101_000, 990, null, null, '/logs/jobs/20261204_002.log');
	db.close();
}

it('a database of the previous version opens, keeps its rows, and its runs have no params', () => {
	const root = makeTempRoot({'config/jobs.yaml': 'jobs:\n  - {id: check, trigger: manual, command: ["true"]}\n'});
	try {
		const file = path.join(root.dir, 'data', 'sage.db');
		root.write('data/.keep', '');
		previousVersionDatabase(file);

		// The read-only commands first: they bring it up to date where data/ is writable.
		const shown = runCli(['show', '1', '--root', root.dir]);
		expect(shown.code).toBe(0);
		expect(shown.stdout).toContain('run 1  check  FAILED');
		expect(shown.stdout).toContain('CommandFailed: exit code 1');
		expect(shown.stdout).not.toContain('params');
		const history = JSON.parse(runCli(['history', '--json', '--root', root.dir]).stdout) as Array<Record<string, unknown>>;
		expect(history.map(run => [run.id, run.status, run.params])).toEqual([[2, 'success', null], [1, 'failed', null]]);
		expect(history[1]).toMatchObject({error_message: 'exit code 1', log_path: '/logs/jobs/20261204_001.log', trade_date: '2026-12-04'});

		const db = openDatabase(file);
		expect(db.pragma('user_version', {simple: true})).toBe(migrations.length);
		const store = new HistoryStore(db);
		expect(store.query({limit: 10}).map(run => [run.id, run.status, run.params])).toEqual([[2, 'success', undefined], [1, 'failed', undefined]]);
		const id = store.nextRunId();
		expect(id).toBe(3);
		store.insertRun({id, jobId: 'check', trigger: 'manual', status: 'queued', scheduledAt: 1_764_830_200_000, attempt: 1, params: {url: 'http://127.0.0.1:9/health', days: 3}});
		expect(store.getRun(id)?.params).toEqual({url: 'http://127.0.0.1:9/health', days: 3});
		expect(store.getRun(1)).toMatchObject({status: 'failed', error: {type: 'CommandFailed', message: 'exit code 1'}});
		db.close();
	} finally {
		root.remove();
	}
});
