/**
 * The console shows the scheduler's zone (jobs.yaml's `timezone`), the one its "today" counts in, on
 * a box whose clock is UTC and while it is already Monday afternoon in Shanghai. With `timezone:
 * America/New_York` at 23:59 on Sunday there, a job failing at 23:59:50 is today's failure with its
 * Failures time, LAST and log line at 23:59, the next 09:00 fire is tomorrow's (`12-07 09:00`), and
 * past New York's midnight its LAST is yesterday's (`12-06 23:59`). They read 12:59 and `22:00 in 9h`,
 * Shanghai's clock, so the day the header's figures turned over at was not the one the panels showed.
 * The header's clock stays the exchange's. Built binary in tmux, the clock set by libfaketime.
 */
import {describe, expect, it} from 'vitest';
import {consoleStartedInTime} from '../helpers/console-started-by.js';
import {eveningFailureJobs} from '../helpers/evening-failure-jobs.js';
import {binary, runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {rootForTest} from '../helpers/test-root.js';
import {atTime, hasFaketime, hasTmux, openTmuxSession} from '../helpers/tmux.js';
import {waitFor} from '../helpers/wait-for.js';

const slow = 60_000;
const processes = trackHeadlessProcesses();

/** `22:30:05`: an instant (ISO with its offset) on New York's clock. */
const newYorkClock = (iso: string) => new Intl.DateTimeFormat('en-GB', {timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23'}).format(Date.parse(iso));

const jobsYaml = eveningFailureJobs('America/New_York');

describe.skipIf(!hasTmux || !hasFaketime)('the console in the scheduler\'s zone (tmux, faketime)', () => {
	it('shows a New York root\'s failure, next fire and last run in New York\'s time, and turns its day at midnight there', async () => {
		// Given 23:59:40 on Sunday 6 Dec in New York (Monday 12:59:40 in Shanghai), a job failing at 23:59:50
		// (a loaded box may take more than those 10 s to start the console's scheduler: when it started after
		// 23:59:48 the test starts over on a new root from 23:59:30)
		const s = await consoleStartedInTime(['23:59:40', '23:59:30'], '23:59:48', start => {
			const root = rootForTest({'config/jobs.yaml': jobsYaml});
			return openTmuxSession('zone', `${atTime(`2026-12-06T${start}-05:00`, `${binary} --root ${root.dir}`)}; sleep 120`, 120, 30);
		}, slow);
		await s.see('Failures today (1)', slow);
		// (A frame's rows reach the terminal in pieces: the title may be there before the row below it.)
		const failureRow = await waitFor(() => s.rows().find(row => row.includes('run 1 ')), 10_000, 'the failure\'s row');
		const rowOf = (id: string) => s.rows().find(row => row.includes(id) && /in \d/.test(row));
		// Then the failure, its job's LAST and its log line are at 23:59 New York time, and the next 09:00 is tomorrow's
		expect(failureRow).toMatch(/ 23:59:5\d +run 1 /);
		expect(rowOf('evening_sync')).toMatch(/✗ failed 23:59$/);
		expect(rowOf('morning_report')).toMatch(/ 12-07 09:00 in 9h00m +never run$/);
		expect(s.rows().find(row => row.includes('feed down'))).toMatch(/ 23:59:5\d evening_sync /);
		// And the header's clock is the exchange's
		expect(s.rows()[0]).toMatch(/12:59:\d\d/);

		// When New York's midnight passes
		await s.see('today 0 runs', slow);

		// Then the failure is yesterday's: LAST names its day, and the next 09:00 is today's
		await s.see(/evening_sync .*✗ failed 12-06 23:59/, 10_000);
		// (Today's: no day before it. The frame that turned the day may be drawn on midnight itself: 9h00m.)
		expect(rowOf('morning_report')).toMatch(/ {2}09:00 in (?:8h59m|9h00m) +never run$/);
		expect(s.screen()).toContain('none today');
	}, 120_000);

	it('attached to a --headless scheduler of a New York root, takes that scheduler\'s zone', async () => {
		// Given a headless scheduler (the real clock) whose job failed
		const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
		await schedulerStarted(processes.start(root.dir));
		expect(runCli(['run', 'evening_sync', '--root', root.dir]).code).toBe(1);
		const [run] = JSON.parse(runCli(['history', '--json', '--root', root.dir]).stdout) as Array<{finished_at: string}>;

		// When a console attaches to it
		const s = openTmuxSession('zone-attached', `${binary} --root ${root.dir}; sleep 120`, 120, 30);
		await s.see('Failures today (1)', slow);
		// (A frame's rows reach the terminal in pieces: the title may be there before the row below it.)
		const failureRow = await waitFor(() => s.rows().find(row => row.includes('run 1 ')), 10_000, 'the failure\'s row');

		// Then the failure's time and the next 09:00 are New York's, whatever the machine's zone
		expect(failureRow).toContain(` ${newYorkClock(run!.finished_at)} `);
		expect(s.rows().find(row => row.includes('morning_report') && row.includes(' in '))).toMatch(/ (\d\d-\d\d )?09:00 in /);
	}, 120_000);
});
