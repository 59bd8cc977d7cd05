/**
 * A command run of a sage-console from before history recorded a run's process, left running by a
 * kill -9 of that scheduler (its process in a group of its own, so it lived on, its parent gone): the
 * first scheduler of the new version ends it before it fires anything, as it ends its own left runs'
 * processes, and the run's message says so. It was left running beside the job's next run. Left alone:
 * a process with the same marks working in another folder (another root's run), and one whose parent
 * is still a sage-console (that version's one-off `run`, carrying its run out). The database is made
 * as that version made it (its five schema versions), its runs' processes as it started them
 * (SAGE_JOB_ID and SAGE_RUN_ID in the environment, the root as working directory).
 */
import {execFileSync, spawn} from 'node:child_process';
import {mkdirSync, readFileSync} from 'node:fs';
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

	const insert = db.prepare('INSERT INTO runs (id, job_id, trigger, status, scheduled_at, started_at, attempt, trade_date) VALUES (?, \'sync\', ?, \'running\', ?, ?, 1, \'2026-12-04\')');
	insert.run(1, 'schedule', startedAt, startedAt);
	insert.run(2, 'manual', startedAt, startedAt);
	db.close();
}

const marks = (runId: number) => ({...process.env, SAGE_JOB_ID: 'sync', SAGE_RUN_ID: String(runId), SAGE_TRADE_DATE: '2026-12-04', SAGE_ATTEMPT: '1'});

function running(pid: number): boolean {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return !['Z', 'X'].includes(stat[stat.lastIndexOf(')') + 2]!);
	} catch {
		return false;
	}
}

/** A run's process whose parent has exited, as after a kill -9 of the scheduler that started it. */
function orphanedRunProcess(runId: number, cwd: string): number {
	const pid = Number(execFileSync('sh', ['-c', 'setsid sleep 300 > /dev/null 2>&1 & echo $!'], {cwd, env: marks(runId), encoding: 'utf8'}).trim());
	onTestFinished(() => {
		try {
			process.kill(pid, 'SIGKILL');
		} catch {
			// Ended.
		}
	});
	return pid;
}

it('ends an older version\'s command run left running in this root, and says so in the run', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: sync, trigger: manual, command: ["sleep", "300"]}\n'}).dir;
	olderDatabase(path.join(root, 'data', 'sage.db'), Date.now() - 1000);
	const left = orphanedRunProcess(1, root);
	const elsewhere = orphanedRunProcess(1, scratchDir());
	// Run 2 is still carried out by its one-off `run`, a node process that waits on its command.
	const oneOff = spawn(process.execPath, ['-e', 'require("node:child_process").spawn("sleep", ["300"], {stdio: "ignore"}); setInterval(() => {}, 1000)'], {cwd: root, env: marks(2), stdio: 'ignore'});
	onTestFinished(() => {
		oneOff.kill('SIGKILL');
	});
	const owned = await waitFor(() => Number(execFileSync('pgrep', ['-P', String(oneOff.pid), 'sleep'], {encoding: 'utf8'}).trim()) || undefined, 10_000, 'the one-off run\'s command');
	onTestFinished(() => {
		process.kill(owned, 'SIGKILL');
	});

	const scheduler = processes.start(root);
	await schedulerStarted(scheduler);
	await waitFor(() => !running(left), 20_000, 'the older run\'s process to end');
	const db = new Database(path.join(root, 'data', 'sage.db'), {readonly: true});
	const row = await waitFor(() => db.prepare('SELECT status, error_message FROM runs WHERE id = 1').get() as {status: string; error_message: string} | undefined, 10_000, 'the run\'s row');
	db.close();
	expect(row.status).toBe('interrupted');
	expect(row.error_message).toContain('; its process, left running by an older sage-console, ended');
	expect(scheduler.output().stdout).toContain('run 1 of sync was left running by a previous scheduler: its process, left running by an older sage-console, ended');
	expect(running(elsewhere)).toBe(true);
	expect(running(owned)).toBe(true);
	expect(scheduler.output().stdout).not.toContain('run 2 of sync was left running by a previous scheduler');
}, 60_000);
