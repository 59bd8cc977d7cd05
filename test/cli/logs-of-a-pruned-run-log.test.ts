/**
 * `logs RUN` of a run whose log retention has deleted (logs_days is shorter than runs_days: by default
 * a run stays in history 90 days, its log 30) says the log is gone and where to read the run, exit 1;
 * it printed nothing and exited 0, as for a run that logged nothing. With a scheduler and without one.
 */
import {rmSync} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';

const processes = trackHeadlessProcesses();

describe('logs of a run whose log was deleted', () => {
	it('says the log is gone and points at show, with and without a scheduler', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: backup_db, trigger: manual, command: ["echo", "backup done"]}\n'});
		expect(runCli(['run', 'backup_db', '--root', root.dir]).code).toBe(0);
		const [run] = JSON.parse(runCli(['history', '--json', '--root', root.dir]).stdout) as Array<{id: number; log_path: string}>;
		expect(runCli(['logs', String(run!.id), '--root', root.dir]).stdout).toContain('backup done');

		// When the run ended longer ago than logs_days (30 by default) and retention deletes its log file
		const db = new Database(path.join(root.dir, 'data/sage.db'));
		const daysAgo = 40 * 24 * 60 * 60 * 1000;
		db.prepare('UPDATE runs SET scheduled_at = scheduled_at - ?, started_at = started_at - ?, finished_at = finished_at - ? WHERE id = ?').run(daysAgo, daysAgo, daysAgo, run!.id);
		db.close();
		rmSync(run!.log_path);

		// Then logs says so, with the file and where the run's result is
		const alone = runCli(['logs', String(run!.id), '--root', root.dir]);
		expect(alone.code).toBe(1);
		expect(alone.stdout).toBe('');
		expect(alone.stderr).toMatch(/^sage-console: the log of run 1, logs\/jobs\/\d{8}_001\.log, is not there any more: run logs are deleted after retention's logs_days .*sage-console show 1/);

		await schedulerStarted(processes.start(root.dir));
		const live = runCli(['logs', String(run!.id), '--root', root.dir]);
		expect(live.code).toBe(1);
		expect(live.stderr).toBe(alone.stderr);
	}, 60_000);
});
