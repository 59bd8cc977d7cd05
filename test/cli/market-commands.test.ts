import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {HistoryStore} from '../../src/store/history-store.js';
import {openDatabase} from '../../src/store/open-database.js';
import {runCli} from '../helpers/run-cli.js';
import {makeShippedRoot} from '../helpers/shipped-root.js';
import {makeTempRoot, testJobs, type TempRoot} from '../helpers/temp-root.js';

let root: TempRoot | undefined;
afterEach(() => {
	root?.remove();
	root = undefined;
});

describe('trading calendar commands', () => {
	it('calendar --json lists the trading days and weekday closures of a year', () => {
		root = makeShippedRoot();
		const result = JSON.parse(runCli(['calendar', '--year', '2024', '--json', '--root', root.dir]).stdout) as {year: number; trading_days: string[]; closed_weekdays: string[]};
		expect(result.year).toBe(2024);
		expect(result.trading_days).toHaveLength(242);
		expect(result.closed_weekdays).toContain('2024-02-09');
		expect(result.trading_days).not.toContain('2024-02-09');
		expect(result.trading_days).not.toContain('2024-02-04');
	});

	it('plan shows what fires on a trading day, and what a holiday skips', () => {
		root = makeShippedRoot();
		const tradingDay = runCli(['plan', '--date', '2026-11-20', '--root', root.dir]).stdout;
		expect(tradingDay).toContain('2026-11-20 (trading day)');
		expect(tradingDay).toMatch(/09:30 {2}refresh_quotes/);
		expect(tradingDay).toMatch(/16:30 {2}sync_daily_bars/);
		expect(tradingDay).toMatch(/20:00 {2}daily_report/);
		const holiday = runCli(['plan', '--date', '2026-10-01', '--root', root.dir]).stdout;
		expect(holiday).toContain('2026-10-01 (exchange holiday)');
		expect(holiday).toMatch(/skipped {2}sync_daily_bars/);
		expect(holiday).toContain('skipped  sync_daily_bars  (daily 16:30 · trading days: not on an exchange holiday)');
		expect(holiday).not.toMatch(/\d\d:\d\d {2}refresh_quotes/);
	});

	it('plan shows an interval job without start_date at the times the scheduler fires it (its recorded anchor), as list does', () => {
		root = makeTempRoot({'config/jobs.yaml': 'jobs:\n  - {id: health_check, trigger: interval, minutes: 10, command: ["true"]}\n'});
		// Given a scheduler that first loaded the job at 13:05:43.696 and recorded that as its anchor.
		const db = openDatabase(path.join(root.dir, 'data/sage.db'));
		new HistoryStore(db).setIntervalAnchor('health_check', Date.parse('2026-11-20T13:05:43.696+08:00'));
		db.close();
		const plan = JSON.parse(runCli(['plan', '--date', '2026-11-23', '--json', '--root', root.dir]).stdout) as {jobs: Array<{id: string; fires: string[]}>};
		expect(plan.jobs[0]!.fires.slice(0, 3)).toEqual(['00:05:43', '00:15:43', '00:25:43']);
		expect(plan.jobs[0]!.fires).toHaveLength(144);
		const list = JSON.parse(runCli(['list', '--json', '--from', '2026-11-23T00:00:00+08:00', '--count', '3', '--root', root.dir]).stdout) as Array<{next: string[]}>;
		expect(list[0]!.next).toEqual(['2026-11-23T00:05:43.696+08:00', '2026-11-23T00:15:43.696+08:00', '2026-11-23T00:25:43.696+08:00']);
		expect(runCli(['plan', '--date', '2026-11-23', '--root', root.dir]).stdout).toMatch(/^ {2}00:05:43 {2}health_check {2}every 10 min$/m);
	});

	it('run --from --to backfills each trading day once, in order, recorded as backfill', () => {
		root = makeTempRoot({...testJobs, 'config/jobs.yaml': 'jobs:\n  - {id: bars, trigger: manual, command: ["sh", "-c", "echo trade={trade_date}"]}\n'});
		const run = runCli(['run', 'bars', '--from', '2026-09-28', '--to', '2026-10-09', '--root', root.dir]);
		expect(run.code).toBe(0);
		expect(run.stdout).toContain('backfilling bars for 5 trading day(s)');
		const history = JSON.parse(runCli(['history', '--json', '--root', root.dir]).stdout) as Array<{trigger: string; trade_date: string; status: string}>;
		expect(history.reverse().map(row => [row.trigger, row.trade_date, row.status])).toEqual([
			['backfill', '2026-09-28', 'success'], ['backfill', '2026-09-29', 'success'], ['backfill', '2026-09-30', 'success'],
			['backfill', '2026-10-08', 'success'], ['backfill', '2026-10-09', 'success'],
		]);
	});

	it('run --trade-date refuses a day that is not a trading day', () => {
		root = makeTempRoot({'config/jobs.yaml': 'jobs:\n  - {id: bars, trigger: manual, command: ["true"]}\n'});
		const run = runCli(['run', 'bars', '--trade-date', '2026-10-01', '--root', root.dir]);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('2026-10-01 is not a trading day');
	});

	it('a day that does not exist (February 30th, month 13) is refused by plan, history and run, not rolled into March', () => {
		root = makeTempRoot({'config/jobs.yaml': 'jobs:\n  - {id: bars, trigger: manual, command: ["true"]}\n'});
		const refusals = [
			[['plan', '--date', '2026-02-30'], '--date 2026-02-30 is not a date: February 2026 has 28 days'],
			[['history', '--since', '2026-13-01'], '--since 2026-13-01 is not a date: there is no month 13'],
			[['history', '--since', '2026-02-31'], '--since 2026-02-31 is not a date: February 2026 has 28 days'],
			[['history', '--since', '2026-02-31T10:00:00+08:00'], '--since 2026-02-31T10:00:00+08:00 is not a date: February 2026 has 28 days'],
			[['run', 'bars', '--trade-date', '2026-02-30'], '--trade-date 2026-02-30 is not a date: February 2026 has 28 days'],
			[['run', 'bars', '--from', '2026-04-31', '--to', '2026-05-08'], '--from 2026-04-31 is not a date: April 2026 has 30 days'],
		] as const;
		for (const [args, message] of refusals) {
			const result = runCli([...args, '--root', root.dir]);
			expect({args, code: result.code, stderr: result.stderr.trim(), stdout: result.stdout}).toEqual({args, code: 2, stderr: `sage-console: ${message}`, stdout: ''});
		}

		expect(runCli(['plan', '--date', '2028-02-29', '--root', root.dir]).stdout).toContain('2028-02-29 (trading day; no closure data for 2028');
		expect(runCli(['history', '--since', '2026-02-28', '--root', root.dir]).code).toBe(0);
	});

	it('run --trade-date and --to refuse a day after today: a backfill is for past trading days', () => {
		root = makeTempRoot({'config/jobs.yaml': 'jobs:\n  - {id: bars, trigger: manual, command: ["true"]}\n'});
		const one = runCli(['run', 'bars', '--trade-date', '2100-03-03', '--root', root.dir]);
		expect(one.code).toBe(2);
		expect(one.stderr).toMatch(/trade date 2100-03-03 is after today \(\d{4}-\d\d-\d\d in Asia\/Shanghai\)/);
		const range = runCli(['run', 'bars', '--from', '2026-09-28', '--to', '2100-03-03', '--root', root.dir]);
		expect(range.code).toBe(2);
		expect(range.stderr).toContain('to 2100-03-03 is after today');
		expect(runCli(['history', '--json', '--root', root.dir]).stdout.trim()).toBe('[]');
	});
});
