/**
 * An upgrade with the old scheduler still running: a sage-console from before data/sage.lock held the
 * root by a row in its database (scheduler_lock) and has no socket. The new --headless started on that
 * root refuses (exit 3, naming the old one's pid) and leaves the database as the old one has it: its
 * schema and its live run untouched; status and the other commands for a live scheduler name it too. Once the old one is gone, the new one starts, closes the run it
 * left as interrupted and deletes its row. The database is made here as that version made it (its
 * five schema versions), the old scheduler stood in for by a node process whose pid the row names. A
 * row whose pid a later process has (the old one killed, its pid reused) holds nothing.
 */
import {spawn} from 'node:child_process';
import {mkdirSync} from 'node:fs';
import {hostname} from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import {expect, it, onTestFinished} from 'vitest';
import {migrations} from '../../src/store/migrations.js';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';

const processes = trackHeadlessProcesses();

/** The schema of 42a7a71, the last versions that locked the root by a row: its first five migrations. */
const olderSchemaVersion = 5;

function olderDatabase(file: string, holderPid: number, tookRootAt = Date.now()): void {
	const db = new Database(file);
	for (const [version, migration] of migrations.slice(0, olderSchemaVersion).entries()) {
		db.exec(migration);
		db.pragma(`user_version = ${version + 1}`);
	}

	db.prepare('INSERT INTO runs (id, job_id, trigger, status, scheduled_at, started_at, attempt, log_path, trade_date) VALUES (1, \'backtest\', \'schedule\', \'running\', ?, ?, 1, NULL, \'2026-12-04\')')
		.run(Date.now() - 60_000, Date.now() - 60_000);
	db.prepare('INSERT INTO scheduler_lock (id, pid, hostname, started_at) VALUES (1, ?, ?, ?)').run(holderPid, hostname(), tookRootAt);
	db.close();
}

function read<T>(file: string, sql: string): T {
	const db = new Database(file, {readonly: true});
	try {
		return db.prepare(sql).pluck().get() as T;
	} finally {
		db.close();
	}
}

it('refuses to schedule beside an older version\'s scheduler that holds the database by its row, then takes over once it is gone', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: backtest, trigger: manual, command: ["true"]}\n'}).dir;
	const older = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {stdio: 'ignore'});
	onTestFinished(() => {
		older.kill('SIGKILL');
	});
	const dbFile = path.join(root, 'data', 'sage.db');
	mkdirSync(path.dirname(dbFile), {recursive: true});
	olderDatabase(dbFile, older.pid!);

	// The commands that talk to a scheduler find no socket: they name the old one, not "start one".
	for (const command of [['status'], ['pause', 'backtest']]) {
		const status = runCli([...command, '--root', root]);
		expect(status.code, status.stdout).toBe(4);
		expect(status.stderr).toContain(`an older sage-console (pid ${older.pid}) is scheduling with ${dbFile}: it has no socket`);
	}

	const refused = runCli(['--headless', '--root', root]);
	expect(refused.code, refused.stdout).toBe(3);
	expect(refused.stderr).toContain(`an older sage-console (pid ${older.pid}) is still scheduling with ${dbFile}`);
	expect(read<number>(dbFile, 'PRAGMA user_version')).toBe(olderSchemaVersion);
	expect(read<string>(dbFile, 'SELECT status FROM runs WHERE id = 1')).toBe('running');

	const gone = new Promise(resolve => older.once('exit', resolve));
	older.kill('SIGKILL');
	await gone;
	const started = processes.start(root);
	await schedulerStarted(started);
	expect(read<string>(dbFile, 'SELECT status FROM runs WHERE id = 1')).toBe('interrupted');
	expect(read<number>(dbFile, 'SELECT count(*) FROM scheduler_lock')).toBe(0);
	expect(read<number>(dbFile, 'PRAGMA user_version')).toBe(migrations.length);
}, 90_000);

it('takes a root whose older scheduler\'s row names a pid another node process has since (after a kill -9 or a reboot)', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: backtest, trigger: manual, command: ["true"]}\n'}).dir;
	const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {stdio: 'ignore'});
	onTestFinished(() => {
		other.kill('SIGKILL');
	});
	const dbFile = path.join(root, 'data', 'sage.db');
	mkdirSync(path.dirname(dbFile), {recursive: true});
	// The row is of yesterday's scheduler; the process with its pid started now.
	olderDatabase(dbFile, other.pid!, Date.now() - 86_400_000);

	const started = processes.start(root);
	await schedulerStarted(started);
	expect(started.output().stderr).toBe('');
	expect(read<string>(dbFile, 'SELECT status FROM runs WHERE id = 1')).toBe('interrupted');
	expect(read<number>(dbFile, 'SELECT count(*) FROM scheduler_lock')).toBe(0);
}, 90_000);
