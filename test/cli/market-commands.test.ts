import {afterEach, describe, expect, it} from 'vitest';
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
		expect(holiday).not.toMatch(/\d\d:\d\d {2}refresh_quotes/);
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
});
