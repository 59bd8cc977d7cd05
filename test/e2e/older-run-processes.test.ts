/**
 * A command run of a sage-console from before history recorded a run's process, left running by a
 * kill -9 of that scheduler (its process in a group of its own, so it lived on): the first scheduler
 * of the new version ends it before it fires anything, as it ends its own left runs' processes, and
 * the run's message says so. It was left running beside the job's next run. A process that carries the
 * same run's marks but works in another folder (another root's run) is left alone. The database is made
 * as that version made it (its five schema versions), its run's process as it started them (SAGE_JOB_ID
 * and SAGE_RUN_ID in the environment, the root as working directory).
 */
import {spawn, type ChildProcess} from 'node:child_process';
import {mkdirSync} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {expect, it, onTestFinished} from 'vitest';
import {migrations} from '../../src/store/migrations.js';
import {schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {scratchDir} from '../helpers/temp-root.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

function olderDatabase(file: string, startedAt: number): void {
	mkdirSync(path.dirname(file), {recursive: true});
	const db = new Database(file);
	for (const [version, migration] of migrations.slice(0, 5).entries()) {
		db.exec(migration);
		db.pragma(`user_version = ${version + 1}`);
	}

	db.prepare('INSERT INTO runs (id, job_id, trigger, status, scheduled_at, started_at, attempt, trade_date) VALUES (1, \'sync\', \'schedule\', \'running\', ?, ?, 1, \'2026-12-04\')').run(startedAt, startedAt);
	db.close();
}

function olderRunProcess(cwd: string): {child: ChildProcess; exited: Promise<unknown>} {
	const child = spawn('sleep', ['300'], {cwd, detached: true, stdio: 'ignore', env: {...process.env, SAGE_JOB_ID: 'sync', SAGE_RUN_ID: '1', SAGE_TRADE_DATE: '2026-12-04', SAGE_ATTEMPT: '1'}});
	const exited = new Promise(resolve => child.once('exit', resolve));
	onTestFinished(() => {
		child.kill('SIGKILL');
	});
	return {child, exited};
}

it('ends an older version\'s command run left running in this root, and says so in the run', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: sync, trigger: manual, command: ["sleep", "300"]}\n'}).dir;
	const startedAt = Date.now() - 1000;
	olderDatabase(path.join(root, 'data', 'sage.db'), startedAt);
	const left = olderRunProcess(root);
	const elsewhere = olderRunProcess(scratchDir());
	let elsewhereExited = false;
	void elsewhere.exited.then(() => {
		elsewhereExited = true;
	});

	const scheduler = processes.start(root);
	await schedulerStarted(scheduler);
	await waitFor(() => left.child.exitCode !== null || left.child.signalCode !== null, 20_000, 'the older run\'s process to end');
	const db = new Database(path.join(root, 'data', 'sage.db'), {readonly: true});
	const row = await waitFor(() => db.prepare('SELECT status, error_message FROM runs WHERE id = 1').get() as {status: string; error_message: string} | undefined, 10_000, 'the run\'s row');
	db.close();
	expect(row.status).toBe('interrupted');
	expect(row.error_message).toContain('; its process, left running by an older sage-console, ended');
	expect(scheduler.output().stdout).toContain('run 1 of sync was left running by a previous scheduler: its process, left running by an older sage-console, ended');
	expect(elsewhereExited).toBe(false);
}, 60_000);
