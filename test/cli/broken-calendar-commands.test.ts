/**
 * A config/calendar.yaml that does not read stops neither the scheduler nor the commands that read
 * the calendar: `list`, `plan`, `calendar` and a foreground `run` go by the shipped closures alone, as the scheduler does,
 * and say so on stderr (each problem at its position, then that the shipped closures are used), while
 * stdout stays what a script parses. `validate` still fails on the file. The built CLI on real files.
 */
import {mkdirSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it, onTestFinished} from 'vitest';
import {readRuns} from '../helpers/history-file.js';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';

/** Monday 2026-12-07 is a trading day by the shipped closures; the broken file would have closed it. */
const brokenCalendar = 'closures: [2026-12-07, 2026-02-30]\nyears:\n  2027: 2027-01-01\n';

function brokenRoot(): TempRoot {
	const root = makeTempRoot({
		'config/jobs.yaml': 'jobs:\n  - {id: bars, cron: "30 16 * * *", calendar: trading-days, command: ["true"]}\n',
		'config/calendar.yaml': brokenCalendar,
	});
	onTestFinished(() => {
		root.remove();
	});
	return root;
}

/** What each of list, plan and calendar says on stderr about the broken file. */
function expectShippedClosuresWarning(stderr: string): void {
	expect(stderr).toContain('config/calendar.yaml:1:24: warning: 2026-02-30 is not a date: February 2026 has 28 days\n');
	expect(stderr).toContain('config/calendar.yaml:3:9: warning: years.2027 must be a list of dates (YYYY-MM-DD)\n');
	expect(stderr).toContain('warning: config/calendar.yaml not applied (2 problems); the shipped closures alone are used');
	expect(stderr).not.toContain('nothing was loaded');
}

describe('list, plan and calendar with config/calendar.yaml broken', () => {
	it('list goes by the shipped closures, warns on stderr with the file\'s positions, and exits 0 (its --json still parses)', () => {
		const root = brokenRoot();
		const table = runCli(['list', '--from', '2026-12-07T08:00:00+08:00'], {cwd: root.dir});
		expect(table.code).toBe(0);
		expect(table.stdout).toMatch(/^bars +bars +daily 16:30 · trading days +2026-12-07 16:30:00\+08:00 +active$/m);
		expectShippedClosuresWarning(table.stderr);

		const json = runCli(['list', '--json', '--count', '2', '--from', '2026-12-07T08:00:00+08:00'], {cwd: root.dir});
		expect(json.code).toBe(0);
		expect((JSON.parse(json.stdout) as Array<{next: string[]}>)[0]!.next).toEqual(['2026-12-07T16:30:00+08:00', '2026-12-08T16:30:00+08:00']);
		expectShippedClosuresWarning(json.stderr);
	});

	it('plan shows the day by the shipped closures (a trading day the broken file would have closed) and warns', () => {
		const root = brokenRoot();
		const plan = runCli(['plan', '--date', '2026-12-07'], {cwd: root.dir});
		expect(plan.code).toBe(0);
		expect(plan.stdout).toContain('2026-12-07 (trading day)\n  16:30  bars  daily 16:30 · trading days\n');
		expectShippedClosuresWarning(plan.stderr);

		const json = runCli(['plan', '--date', '2026-10-01', '--json'], {cwd: root.dir});
		expect(json.code).toBe(0);
		expect(JSON.parse(json.stdout)).toMatchObject({date: '2026-10-01', kind: 'exchange holiday', jobs: [{id: 'bars', fires: [], skipped_by_calendar: true}]});
		expectShippedClosuresWarning(json.stderr);
	});

	it('calendar lists the year by the shipped closures and warns', () => {
		const root = brokenRoot();
		const json = runCli(['calendar', '--year', '2026', '--json'], {cwd: root.dir});
		expect(json.code).toBe(0);
		const year = JSON.parse(json.stdout) as {trading_days: string[]; closed_weekdays: string[]};
		expect(year.trading_days).toHaveLength(242);
		expect(year.trading_days).toContain('2026-12-07');
		expect(year.closed_weekdays).toContain('2026-10-01');
		expectShippedClosuresWarning(json.stderr);

		const text = runCli(['calendar', '--year', '2026'], {cwd: root.dir});
		expect(text.code).toBe(0);
		expect(text.stdout).toMatch(/^2026: 242 trading days, 19 weekday closures\n/);
		expectShippedClosuresWarning(text.stderr);
	});

	it('run in the foreground (its scheduler goes by the shipped closures) warns the same before the run, and the run goes on', () => {
		const root = brokenRoot();
		const run = runCli(['run', 'bars', '--trade-date', '2026-12-04'], {cwd: root.dir});
		expect(run.code).toBe(0);
		expect(run.stdout).toMatch(/^run 1 bars \[2026-12-04\]: success/m);
		expectShippedClosuresWarning(run.stderr);
	});

	it('a usage error is said alone, before the calendar is read', () => {
		const root = brokenRoot();
		const plan = runCli(['plan', '--date', '2026-13-01'], {cwd: root.dir});
		expect(plan.code).toBe(2);
		expect(plan.stderr).toBe('sage-console: --date 2026-13-01 is not a date: there is no month 13\n');
	});

	it('validate still fails on the file, naming every problem at its position', () => {
		const root = brokenRoot();
		const validate = runCli(['validate'], {cwd: root.dir});
		expect(validate.code).toBe(1);
		expect(validate.stderr).toContain('config/calendar.yaml:1:24: 2026-02-30 is not a date: February 2026 has 28 days\n');
		expect(validate.stderr).toContain('config/calendar.yaml:3:9: years.2027 must be a list of dates (YYYY-MM-DD)\n');
	});
});

describe('a config/calendar.yaml that is there but cannot be read (here a folder by that name; EACCES takes the same path)', () => {
	const processes = trackHeadlessProcesses();

	it('is a problem at its first line: validate fails naming it, list warns and goes on, and the scheduler starts by the shipped closures', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: tick, cron: "* * * * * *", command: ["true"]}\n'});
		mkdirSync(path.join(root.dir, 'config/calendar.yaml'));

		const validate = runCli(['validate'], {cwd: root.dir});
		expect(validate.code).toBe(1);
		expect(validate.stderr).toBe('config/calendar.yaml:1:1: cannot be read: EISDIR: illegal operation on a directory, read\n1 problem; nothing was loaded from this file\n');

		const list = runCli(['list', '--json'], {cwd: root.dir});
		expect(list.code).toBe(0);
		expect(list.stderr).toContain('config/calendar.yaml:1:1: warning: cannot be read: EISDIR');
		expect(list.stderr).toContain('warning: config/calendar.yaml not applied (1 problem); the shipped closures alone are used');

		const scheduler = processes.start(root.dir);
		await schedulerStarted(scheduler);
		await waitFor(() => readRuns(root.dir).some(row => row.job_id === 'tick' && row.status === 'success'), 20_000, 'a tick run');
		const status = JSON.parse(runCli(['status', '--json', '--root', root.dir]).stdout) as {notices: string[]};
		expect(status.notices).toContain(`calendar.yaml not applied; the shipped closures alone are used: ${root.dir}/config/calendar.yaml:1:1: cannot be read: EISDIR: illegal operation on a directory, read`);
	}, 60_000);

	it('is named by its full path when the working directory is elsewhere, as jobs.yaml\'s problems are', () => {
		const root = processes.makeRoot({
			'config/jobs.yaml': 'jobs:\n  - {id: tick, cron: "* * * * * *", command: ["true"]}\n',
			'config/calendar.yaml': 'closures: [2026-02-30]\n',
		});
		const elsewhere = processes.makeRoot();
		const calendar = runCli(['calendar', '--root', root.dir], {cwd: elsewhere.dir});
		expect(calendar.code).toBe(0);
		expect(calendar.stderr).toContain(`${root.dir}/config/calendar.yaml:1:12: warning: 2026-02-30 is not a date`);
		expect(calendar.stderr).toContain(`warning: ${root.dir}/config/calendar.yaml not applied`);
	});
});
