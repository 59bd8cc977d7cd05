import {spawnSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {closeSync, existsSync, openSync, readFileSync, statSync, writeSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {binary, runCli} from '../helpers/run-cli.js';
import {makeShippedRoot} from '../helpers/shipped-root.js';
import {makeTempRoot, testJobs, type TempRoot} from '../helpers/temp-root.js';

let root: TempRoot | undefined;
afterEach(() => {
	root?.remove();
	root = undefined;
});

type RunJson = Record<string, unknown> & {id: number; status: string; log_path: string; error_stack: string | null};

describe('sage-console commands (the built binary)', () => {
	it('prints --version and --help', () => {
		expect(runCli(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
		const help = runCli(['--help']);
		expect(help.code).toBe(0);
		for (const command of ['validate', 'list', 'history', 'show RUN_ID', 'run JOB', '--headless']) {
			expect(help.stdout).toContain(command);
		}
	});

	it('validates the shipped config', () => {
		root = makeShippedRoot();
		const result = runCli(['validate', '--root', root.dir]);
		expect(result.stderr).toBe('');
		expect(result.stdout).toMatch(/^OK: .*config\/jobs\.yaml \(\d+ jobs/);
		expect(result.code).toBe(0);
	});

	it('in a folder with no jobs.yaml, says which root it looked in and how to point it at a project', () => {
		root = makeTempRoot({});
		for (const command of [['validate'], ['--headless']]) {
			const result = runCli([...command, '--root', root.dir]);
			expect(result.code).toBe(1);
			expect(result.stderr).toContain(`jobs.yaml:1:1: file not found (root ${root.dir}): run sage-console in the project's folder or give --root DIR (or --config FILE); a new project starts with \`sage-console init\``);
		}
	});

	it('names every problem of a broken file with line and column, and exits 1', () => {
		root = makeTempRoot({'config/jobs.yaml': 'jobs:\n  - id: a\n    cron: "99 * * * *"\n    module: jobs/none.ts\n  - id: a\n    every: 5m\n    command: ["true"]\n'});
		const result = runCli(['validate', '--root', root.dir]);
		expect(result.code).toBe(1);
		const lines = result.stderr.trim().split('\n');
		expect(lines.slice(0, -1).map(line => line.replace(/^.*jobs\.yaml:/, 'jobs.yaml:'))).toEqual([
			'jobs.yaml:3:11: bad cron "99 * * * *": Invalid value for minute: 99',
			'jobs.yaml:4:13: module file not found: jobs/none.ts',
			'jobs.yaml:5:5: job has no schedule: give cron:, trigger: (cron, interval, date or manual) or after:',
			'jobs.yaml:5:9: duplicate job id "a" (first defined at line 2)',
			'jobs.yaml:6:5: unknown key "every" in a job',
		]);
		expect(lines.at(-1)).toBe('5 problems; nothing was loaded from this file');
	});

	it('backfills trading days in the foreground; history shows each run\'s trade day', () => {
		root = makeShippedRoot();
		// 2026-11-28 is a Saturday: the trading days are 11-30, 12-01 and 12-02.
		expect(runCli(['run', 'sync_daily_bars', '--from', '2026-11-28', '--to', '2026-12-02', '--root', root.dir]).code).toBe(0);
		const rows = runCli(['history', '--root', root.dir]).stdout.trim().split('\n');
		expect(rows[0]).toMatch(/^RUN +JOB +TRIGGER +TRADE DAY +STATUS +SCHEDULED +DURATION +ERROR \/ MESSAGE$/);
		expect(rows.slice(1).map(row => row.split(/ {2,}/).slice(0, 5))).toEqual([
			['3', 'sync_daily_bars', 'backfill', '2026-12-02', 'success'],
			['2', 'sync_daily_bars', 'backfill', '2026-12-01', 'success'],
			['1', 'sync_daily_bars', 'backfill', '2026-11-30', 'success'],
		]);
	});

	it('runs sync_daily_bars in the foreground and keeps the run in history with its log', () => {
		root = makeShippedRoot();
		const run = runCli(['run', 'sync_daily_bars', '--root', root.dir]);
		expect(run.stderr).toBe('');
		expect(run.code).toBe(0);
		// The job's last progress, reported just before it returns, is printed before the run's closing line.
		const printed = run.stdout.split('\n');
		const lastProgress = printed.findIndex(line => line.endsWith('100% 601318.SH done'));
		expect(lastProgress).toBeGreaterThan(0);
		expect(lastProgress).toBeLessThan(printed.findIndex(line => / INFO {2}run success /.test(line)));
		expect(run.stdout).toMatch(/run 1 sync_daily_bars \[\d{4}-\d\d-\d\d\]: success/);
		const history = JSON.parse(runCli(['history', '--json', '--root', root.dir]).stdout) as RunJson[];
		expect(history).toHaveLength(1);
		expect(history[0]).toMatchObject({id: 1, job_id: 'sync_daily_bars', trigger: 'manual', status: 'success', attempt: 1, progress: 1, error_type: null});
		expect(Object.keys(history[0]!)).toEqual(expect.arrayContaining(['id', 'job_id', 'trigger', 'status', 'scheduled_at', 'started_at', 'finished_at', 'duration_ms', 'attempt', 'progress', 'message', 'error_type', 'error_message', 'error_stack', 'result', 'log_path']));
		expect(history[0]!.scheduled_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?\+08:00$/);
		expect(existsSync(history[0]!.log_path)).toBe(true);
		expect(readFileSync(history[0]!.log_path, 'utf8')).toContain('"msg":"synced"');
		expect(readFileSync(path.join(root.dir, 'data/processed/daily_bars/600519.SH.csv'), 'utf8')).toMatch(/^date,open,high,low,close,volume\n2026-05-06,/);
		expect(readFileSync(path.join(root.dir, 'logs/sage-console.log'), 'utf8')).toContain('"msg":"run finished"');
	});

	it('records a job that throws as failed with its stack, and exits 1', () => {
		root = makeTempRoot({...testJobs, 'config/jobs.yaml': 'jobs:\n  - {id: fetch, trigger: manual, module: jobs/throws.ts}\n'});
		const run = runCli(['run', 'fetch', '--root', root.dir]);
		expect(run.code).toBe(1);
		expect(run.stdout).toContain('DataFeedError: feed returned 502 for 600519.SH');
		const [failed] = JSON.parse(runCli(['history', '--json', '--status', 'failed', '--root', root.dir]).stdout) as RunJson[];
		expect(failed).toMatchObject({job_id: 'fetch', status: 'failed', error_type: 'DataFeedError', error_message: 'feed returned 502 for 600519.SH'});
		expect(failed!.error_stack).toContain('at fetchBars');
		const shown = runCli(['show', String(failed!.id), '--root', root.dir]);
		expect(shown.stdout).toContain('FAILED');
		expect(shown.stdout).toContain('at fetchBars');
		expect(shown.stdout).toContain(failed!.log_path);
		expect(JSON.parse(runCli(['show', String(failed!.id), '--json', '--root', root.dir]).stdout)).toEqual(failed);
	});

	it('passes --param values to the job', () => {
		root = makeTempRoot({...testJobs, 'config/jobs.yaml': 'jobs:\n  - {id: ok, trigger: manual, module: jobs/ok.ts, params: {a: 1}}\n'});
		const run = runCli(['run', 'ok', '--param', 'symbols=["600519.SH"]', '--param', 'note=hello', '--root', root.dir]);
		expect(run.code).toBe(0);
		expect(run.stdout).toContain('"params":{"a":1,"symbols":["600519.SH"],"note":"hello"}');
	});

	it('lists next fire times from an instant, trading calendar applied', () => {
		root = makeShippedRoot();
		const list = JSON.parse(runCli(['list', '--json', '--from', '2026-09-30T17:00:00+08:00', '--count', '2', '--root', root.dir]).stdout) as Array<{id: string; next: string[]; paused: boolean; enabled: boolean}>;
		expect(list.find(job => job.id === 'sync_daily_bars')).toMatchObject({next: ['2026-10-08T16:30:00+08:00', '2026-10-09T16:30:00+08:00'], paused: false, enabled: true});
		expect(list.find(job => job.id === 'refresh_quotes')?.next).toEqual(['2026-10-08T09:30:00+08:00', '2026-10-08T09:35:00+08:00']);
		expect(list.find(job => job.id === 'compute_indicators')?.next).toEqual([]);
	});

	it('list --count N shows each job\'s next N fire times in the table, the later ones under the first; one without --count', () => {
		root = makeShippedRoot();
		const list = runCli(['list', '--from', '2026-09-30T17:00:00+08:00', '--count', '3', '--root', root.dir]);
		expect(list.code).toBe(0);
		const rows = list.stdout.trimEnd().split('\n');
		const sync = rows.findIndex(row => row.startsWith('sync_daily_bars '));
		expect(rows[sync]).toMatch(/ 2026-10-08 16:30:00\+08:00 +active$/);
		expect(rows[sync + 1]).toMatch(/^ +2026-10-09 16:30:00\+08:00$/);
		expect(rows[sync + 2]).toMatch(/^ +2026-10-12 16:30:00\+08:00$/);
		expect(rows[sync + 3]).toMatch(/^\S/);
		// The times stand in the NEXT column.
		expect(rows[sync + 1]!.indexOf('2026')).toBe(rows[0]!.indexOf('NEXT'));
		const single = runCli(['list', '--from', '2026-09-30T17:00:00+08:00', '--root', root.dir]).stdout;
		expect(single).toContain('2026-10-08 16:30:00+08:00');
		expect(single).not.toContain('2026-10-09 16:30:00+08:00');
	});

	it('says what is wrong with a bad command line, exit 2', () => {
		const result = runCli(['history', '--status', 'exploded']);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('--status must be one of queued, running, success');
		expect(runCli(['frobnicate']).stderr).toContain('unknown command "frobnicate"');
	});

	it('refuses arguments a command does not take (exit 2, naming them) instead of running without them', () => {
		root = makeTempRoot({...testJobs, 'config/jobs.yaml': 'jobs:\n  - {id: good, trigger: manual, module: jobs/ok.ts}\n'});
		const run = runCli(['run', 'good', 'extra-arg', '--detach', '--root', root.dir]);
		expect({code: run.code, stderr: run.stderr, stdout: run.stdout}).toEqual({code: 2, stderr: 'sage-console: run: unexpected argument "extra-arg"; see sage-console run --help\n', stdout: ''});
		expect(runCli(['history', '--json', '--root', root.dir]).stdout.trim()).toBe('[]');
		const validate = runCli(['validate', 'extra', '--root', root.dir]);
		expect(validate.code).toBe(2);
		expect(validate.stderr).toContain('validate: unexpected argument "extra"');
		expect(runCli(['show', '1', '2', '--root', root.dir]).stderr).toContain('show: unexpected argument "2"');
		expect(runCli(['validate', '--root', root.dir]).code).toBe(0);
	});

	it('history, show and logs on a folder that is no project (a mistyped --root) say so, exit 1; a fresh project has no runs yet', () => {
		root = makeTempRoot({});
		const missing = path.join(root.dir, 'not-here');
		for (const command of [['history'], ['show', '1'], ['logs', '1']]) {
			const result = runCli([...command, '--root', missing]);
			expect({command, code: result.code, stdout: result.stdout}).toEqual({command, code: 1, stdout: ''});
			expect(result.stderr).toBe(`sage-console: no sage-console project at ${missing}: neither config/jobs.yaml nor data/sage.db is there; run sage-console in the project's folder or give --root DIR (or --db FILE)\n`);
		}

		root.write('config/jobs.yaml', 'jobs:\n  - {id: good, trigger: manual, command: ["true"]}\n');
		expect(runCli(['history', '--root', root.dir])).toMatchObject({code: 0, stdout: 'no runs match\n'});
		expect(runCli(['show', '99999', '--root', root.dir])).toMatchObject({code: 1, stderr: 'sage-console: no run 99999\n'});
		expect(runCli(['logs', '99999', '--root', root.dir])).toMatchObject({code: 1, stderr: 'sage-console: no run 99999\n'});
	});

	it('COMMAND --help prints that command\'s usage and the options, exit 0; --help with other flags never starts anything', () => {
		const run = runCli(['run', '--help']);
		expect(run.code).toBe(0);
		expect(run.stdout).toContain('$ sage-console run JOB [--param k=v ...]');
		expect(run.stdout).toContain('run now: through the live scheduler if one runs, else here');
		expect(run.stdout).toContain('--root DIR');
		expect(run.stdout).not.toContain('sage-console history');
		expect(runCli(['pause', '--help']).stdout).toContain('$ sage-console pause JOB|--all · resume JOB|--all');
		expect(runCli(['resume', '--help']).stdout).toContain('$ sage-console pause JOB|--all');
		expect(runCli(['history', '--help', '--json']).stdout).toContain('$ sage-console history [--json]');
		root = makeTempRoot({'config/jobs.yaml': 'jobs:\n  - {id: tick, cron: "* * * * * *", command: ["true"]}\n'});
		const general = runCli(['--help', '--root', root.dir], {timeoutMs: 10_000});
		expect(general.code).toBe(0);
		expect(general.stdout).toContain('$ sage-console --headless');
		expect(existsSync(path.join(root.dir, 'data'))).toBe(false);
	});

	it('a printing command piped into a reader that stops early (logs 1 | head -1) ends quietly with exit 0', () => {
		root = makeTempRoot({...testJobs, 'config/jobs.yaml': 'jobs:\n  - {id: chatty, trigger: manual, command: ["sh", "-c", "seq 1 20000"]}\n'});
		expect(runCli(['run', 'chatty', '--root', root.dir]).code).toBe(0);
		const piped = spawnSync('bash', ['-c', `set -o pipefail; "${binary}" logs 1 --root "${root.dir}" | head -1`], {encoding: 'utf8'});
		expect(piped.stderr).toBe('');
		expect(piped.status).toBe(0);
		expect(piped.stdout.split('\n')).toHaveLength(2);
	});

	it('a foreground run piped into a reader that stops early goes on to its end, is recorded in full, and exits with its result', () => {
		root = makeTempRoot({...testJobs, 'config/jobs.yaml': 'jobs:\n  - {id: chatty, trigger: manual, command: ["sh", "-c", "seq 1 20000; sleep 0.5; echo all done"]}\n'});
		const piped = spawnSync('bash', ['-c', `set -o pipefail; "${binary}" run chatty --root "${root.dir}" | head -1`], {encoding: 'utf8'});
		expect(piped.stderr).toBe('');
		expect(piped.status).toBe(0);
		expect(piped.stdout.split('\n')).toHaveLength(2);
		const shown = JSON.parse(runCli(['show', '1', '--json', '--root', root.dir]).stdout) as {status: string; log_path: string};
		expect(shown.status).toBe('success');
		expect(readFileSync(shown.log_path, 'utf8')).toContain('all done');
	});

	it('a damaged history database is named with what to do, not an unexpected error (history, and the scheduler at start)', () => {
		root = makeTempRoot({...testJobs, 'config/jobs.yaml': 'jobs:\n  - {id: a, trigger: manual, command: ["true"]}\n'});
		expect(runCli(['run', 'a', '--root', root.dir]).code).toBe(0);
		// Garbage past the header page, as a disk fault would leave it.
		const file = path.join(root.dir, 'data/sage.db');
		const size = statSync(file).size;
		const handle = openSync(file, 'r+');
		writeSync(handle, randomBytes(size - 4096), 0, size - 4096, 4096);
		closeSync(handle);
		for (const args of [['history'], ['--headless']]) {
			const result = runCli([...args, '--root', root.dir], {timeoutMs: 20_000});
			expect(result.code).toBe(1);
			expect(result.stderr).toMatch(/^sage-console: the history database is damaged \((database disk image is malformed|file is not a database)\)\. Restore the latest copy from data\/backup\//);
			expect(result.stderr).not.toContain('unexpected error');
		}
	});

	it('run prints the start of a huge result and its length, not all of it', () => {
		root = makeTempRoot({...testJobs, 'jobs/huge.ts': 'export default () => \'x\'.repeat(1_000_000);\n', 'config/jobs.yaml': 'jobs:\n  - {id: huge, trigger: manual, module: jobs/huge.ts}\n'});
		const result = runCli(['run', 'huge', '--root', root.dir]);
		expect(result.code).toBe(0);
		const line = result.stdout.split('\n').find(text => text.startsWith('result: '))!;
		expect(line).toMatch(/^result: "x{1000,}… \(1000002 characters in all\)$/);
		expect(result.stdout.length).toBeLessThan(5000);
	});
});
