/**
 * `logs RUN` of a run whose log is gone tells retention's deletion from another's by `logs_days` as the
 * running scheduler applies it, not as jobs.yaml on disk says: the file may be broken by an edit the
 * scheduler refused (it keeps what it loaded), or not the one it was started with (`--config`). It read
 * the file, so it blamed retention "or by hand" for a log deleted a minute ago, and cleared retention of
 * a log it had deleted. Without a scheduler the file is all there is (logs-of-a-*-run-log.test.ts).
 */
import {mkdirSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

const job = '  - {id: backup_db, trigger: manual, command: ["echo", "backup done"]}\n';

function onlyRun(root: string): {id: number; log_path: string} {
	const [run] = JSON.parse(runCli(['history', '--json', '--root', root]).stdout) as Array<{id: number; log_path: string}>;
	return run!;
}

describe('logs of a run whose log is gone, with a scheduler running', () => {
	it('goes by the scheduler\'s logs_days when an edit broke jobs.yaml and the scheduler kept what it had', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': `retention: {logs_days: 7}\njobs:\n${job}`});
		const scheduler = processes.start(root.dir);
		await schedulerStarted(scheduler);
		expect(runCli(['run', 'backup_db', '--root', root.dir]).code).toBe(0);
		const run = onlyRun(root.dir);

		// Given an edit the scheduler refused (it goes on with logs_days 7), and the log of the run that ended seconds ago deleted
		writeFileSync(path.join(root.dir, 'config/jobs.yaml'), `retention: {logs_days: 7}\njobs:\n${job}  - {id: half_written\n`);
		await waitFor(() => scheduler.output().stdout.includes('config not applied'), 20_000, 'the scheduler to refuse the edit');
		rmSync(run.log_path);

		// Then logs says retention did not remove it, by the scheduler's 7 days
		const logs = runCli(['logs', String(run.id), '--root', root.dir]);
		expect(logs.code).toBe(1);
		expect(logs.stderr).toMatch(/^sage-console: the log of run 1 is gone from logs\/jobs\/\d{8}_001\.log, where it was written; retention did not remove it \(the run ended \S+ ago, run logs are kept 7 days by logs_days\)/);
	}, 60_000);

	it('goes by the logs_days of the jobs file the scheduler was started with (--config), not config/jobs.yaml', async () => {
		// config/jobs.yaml keeps run logs 30 days; the scheduler runs on ops/jobs.yaml, which keeps them 7
		const root = processes.makeRoot({'config/jobs.yaml': `retention: {logs_days: 30}\njobs:\n${job}`});
		const opsJobs = path.join(root.dir, 'ops/jobs.yaml');
		mkdirSync(path.dirname(opsJobs));
		writeFileSync(opsJobs, `retention: {logs_days: 7}\njobs:\n${job}`);
		expect(runCli(['run', 'backup_db', '--root', root.dir]).code).toBe(0);
		const run = onlyRun(root.dir);

		// Given the run ended 10 days ago and its log is gone (what the scheduler's retention does after 7 days)
		const db = new Database(path.join(root.dir, 'data/sage.db'));
		const daysAgo = 10 * 24 * 60 * 60 * 1000;
		db.prepare('UPDATE runs SET scheduled_at = scheduled_at - ?, started_at = started_at - ?, finished_at = finished_at - ? WHERE id = ?').run(daysAgo, daysAgo, daysAgo, run.id);
		db.close();
		rmSync(run.log_path);
		const scheduler = startCli(['--headless', '--root', root.dir, '--config', opsJobs]);
		processes.track(scheduler);
		await schedulerStarted(scheduler);

		// Then logs (without --config) names retention, by the scheduler's 7 days
		const logs = runCli(['logs', String(run.id), '--root', root.dir]);
		expect(logs.code).toBe(1);
		expect(logs.stderr).toMatch(/^sage-console: the log of run 1, logs\/jobs\/\d{8}_001\.log, is not there any more: run logs are deleted after retention's logs_days /);
	}, 60_000);
});
