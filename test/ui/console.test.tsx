import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {keymap} from '../../src/ui/keymap.js';
import {keys} from '../helpers/keys.js';
import {waitFor} from '../helpers/wait-for.js';
import {consoleHarness} from './console-harness.js';
import {consoleJobsYaml} from './console-jobs.js';

const open = consoleHarness();

describe('the console', () => {
	it('shows the header and every job with its schedule in words and next run', async () => {
		const {see} = await open(consoleJobsYaml);
		const screen = await see('每日行情同步');
		expect(screen).toContain('◆ closed');
		// At 100 columns the header leaves the jobs count to the Jobs panel's title and keeps today's figures.
		expect(screen).toContain('running 0 │ today 0 runs · — ok · 0 failed');
		expect(screen).toContain('Jobs (4)');
		expect(screen).toContain('daily 16:30 · trading days');
		expect(screen).toContain('16:30 in 1m');
		expect(screen).toContain('every 5 min');
		expect(screen).toContain('never run');
		// 中文 names take two cells each: the schedule column still lines up.
		const rows = screen.split('\n');
		const column = (needle: string) => {
			const row = rows.find(line => line.includes(needle))!;
			return stringWidth(row.slice(0, row.indexOf(needle)));
		};

		expect(column('daily 16:30')).toBe(column('every 5 min'));
	});

	it('r runs the selected job: the status line says so, the run shows up, then its result', async () => {
		const {t, see, press} = await open(consoleJobsYaml);
		await see('每日行情同步');
		await press('r');
		await see('started fetch_daily_data (run 1)');
		await waitFor(() => t.finished.length === 1, 10_000, 'the run to finish');
		await see(/✓ \d+ms/);
		await see('■ fetch_daily_data succeeded');
	});

	it('shows a live run with a progress bar; c asks, and cancels it on y', async () => {
		const {t, see, press} = await open(`jobs:
  - id: steps
    trigger: manual
    command: ["sh", "-c", "echo '::progress 0.42 symbol 42 of 100'; sleep 30"]
`);
		await see('steps');
		await press('r');
		const screen = await see('42%');
		expect(screen).toContain('symbol 42 of 100');
		expect(screen).toMatch(/█+░+/);
		await press(keys.tab);
		await press('c');
		await see('Cancel run 1 of steps at 42%?  y: yes');
		await press('n');
		await see('not cancelled: run 1 of steps goes on');
		expect(t.finished).toEqual([]);
		await press('c');
		await press('y');
		await see('cancelling steps (run 1)');
		await waitFor(() => t.finished[0]?.status === 'cancelled', 10_000, 'the run to be cancelled');
	});

	it('p pauses and resumes the selected job, and the pause is kept in history', async () => {
		const {t, see, press} = await open(consoleJobsYaml);
		await see('每日行情同步');
		await press(keys.down);
		await press('p');
		await see('paused tick');
		await see('⏸ paused');
		expect(t.store.jobStates().get('tick')?.paused).toBe(true);
		await press('p');
		await see('resumed tick');
	});

	it('f and Enter open a failure with its full stack trace and log path; Esc goes back; R retries', async () => {
		const {t, see, press} = await open(consoleJobsYaml);
		const run = t.scheduler.submit('broken');
		await t.scheduler.whenFinished(run.ok ? run.run.id : 0);
		await see('Failures today (1)');
		await press('f');
		await press(keys.enter);
		// The detail's title: the failures row shows the error's first line too, before the detail arrives.
		await see(/Run \d+ · broken/);
		const detail = await see('DataFeedError: feed returned 502 for 600519.SH');
		expect(detail).toContain('at fetchBars');
		expect(detail).toMatch(/log\s+\S+logs\/jobs\/20261120_001\.log/);
		await press(keys.escape);
		await see('Failures today (1)');
		await press('R');
		await see(/retrying broken \(run \d+, attempt 2\)/);
	});

	it('/ filters the job list by text; Esc clears it', async () => {
		const {see, press} = await open(consoleJobsYaml);
		await see('每日行情同步');
		await press('/');
		for (const char of '行情') {
			await press(char);
		}

		await press(keys.enter);
		const filtered = await see('Jobs (1 matching "行情")');
		expect(filtered).not.toContain('every 5 min');
		await press(keys.escape);
		await see('Jobs (4)');
	});

	it('? lists every key of the keymap', async () => {
		const {see, press} = await open(consoleJobsYaml);
		await see('每日行情同步');
		await press('?');
		const help = await see('Keys');
		for (const binding of keymap) {
			expect(help).toContain(binding.help);
		}

		await press(keys.escape);
		await see('Jobs (4)');
	});

	it('q asks when runs are live: s stays, c cancels them and quits', async () => {
		const {t, see, press, quits} = await open(consoleJobsYaml);
		await see('每日行情同步');
		t.scheduler.submit('sleepy');
		await see('running 1');
		await press('q');
		// Waiting lasts shutdown_grace at most (30 s unless jobs.yaml says otherwise), then the stop cancels.
		await see('1 run live. Quit?  w: wait for it (up to 30s) · c: cancel it · s/Esc: stay');
		await press('s');
		await see('r run · p pause');
		expect(quits).toEqual([]);
		await press('q');
		await press('c');
		expect(quits).toEqual(['cancel']);
	});

	it('q quits at once when nothing runs', async () => {
		const {see, press, quits} = await open(consoleJobsYaml);
		await see('每日行情同步');
		await press('q');
		expect(quits).toEqual(['cancel']);
	});

	it('the log panel shows all jobs or only the selected one', async () => {
		const {t, see, press, frame} = await open(consoleJobsYaml);
		const run = t.scheduler.submit('broken');
		await t.scheduler.whenFinished(run.ok ? run.run.id : 0);
		await see('✗ broken failed');
		await press('a');
		await see('Log · fetch_daily_data');
		await waitFor(() => !frame().includes('✗ broken failed') && frame(), 15_000, 'other jobs to leave the log');
		await press('a');
		await see('✗ broken failed');
	});

	it('PgUp scrolls the log back and PgDn returns to the newest lines', async () => {
		const {t, see, press} = await open(`jobs:
  - {id: counter, trigger: manual, command: ["sh", "-c", "for i in $(seq 1 200); do echo line-$i; done"]}
`);
		await see('counter');
		const run = t.scheduler.submit('counter');
		await t.scheduler.whenFinished(run.ok ? run.run.id : 0);
		await see('line-200');
		await press('l');
		await press(keys.pageUp);
		const back = await see(/\d+ newer lines below · End: newest/);
		expect(back).not.toContain('line-200');
		expect(back).toMatch(/line-1[0-9]{2}/);
		await press(keys.pageDown);
		await see('line-200');
	});

	it('b backfills the selected job for a range of trading days', async () => {
		const {t, see, press, pressAtOnce} = await open(consoleJobsYaml);
		await see('每日行情同步');
		await press('b');
		await see('backfill fetch_daily_data for trading days');
		pressAtOnce('2026-09-29 2026-10-08');
		await press(keys.enter);
		await see('backfill fetch_daily_data: 3 run(s) queued for 2026-09-29 to 2026-10-08');
		await waitFor(() => t.finished.filter(run => run.trigger === 'backfill').length === 3, 15_000, 'three backfill runs');
		expect(t.finished.map(run => run.tradeDate)).toEqual(['2026-09-29', '2026-09-30', '2026-10-08']);
	});

	it('b refuses a day that does not exist instead of backfilling the day it rolls into', async () => {
		const {t, see, press, pressAtOnce} = await open(consoleJobsYaml);
		await see('每日行情同步');
		await press('b');
		await see('backfill fetch_daily_data for trading days');
		pressAtOnce('2026-02-30');
		await press(keys.enter);
		await see('backfill: 2026-02-30 is not a date: February 2026 has 28 days');
		expect(t.scheduler.snapshot().live).toEqual([]);
	});
});

describe('the console header', () => {
	it('shows a holiday as such and warns when the year has no exchange closures loaded', async () => {
		const holiday = await open(consoleJobsYaml, {now: Date.parse('2026-10-01T10:00:00+08:00')});
		await holiday.see('◆ holiday');
		const newYear = await open(consoleJobsYaml, {now: Date.parse('2027-01-04T10:00:00+08:00')});
		await newYear.see('no exchange closures for 2027: trading days fall back to weekdays');
	});

	it('shows every problem of a rejected config edit with FILE:LINE:COL, and keeps the jobs', async () => {
		const {t, see} = await open(consoleJobsYaml);
		t.scheduler.reportConfigProblems([
			{file: 'config/jobs.yaml', line: 3, col: 11, message: 'bad cron "61 * * * *": Invalid value for minute: 61'},
			{file: 'config/jobs.yaml', line: 7, col: 5, message: 'unknown key "timout" in a job (did you mean "timeout"?)'},
		]);
		const screen = await see('config not applied: config/jobs.yaml:7:5');
		expect(screen).toContain('config not applied: config/jobs.yaml:3:11: bad cron');
		expect(screen).toContain('Jobs (4)');
	});
});
