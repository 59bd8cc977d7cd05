/**
 * A console kept open through the night: the log tail gives each line its time as HH:MM:SS, so the
 * morning's lines and last night's read alike unless something says where a day starts. A dim
 * `── Tue 8 Dec ──` row goes where the day changes between two lines, in the console that saw it
 * happen and in one that attaches later (the lines it gets as its backlog); scrolled to the oldest
 * line, the rows above last night's lines say their day. A separator is not a line: search does not
 * find it. Built binary in tmux, its clock (the machine's zone UTC) set to 15 s before midnight in
 * Shanghai by libfaketime.
 */
import {describe, expect, it} from 'vitest';
import {binary} from '../helpers/run-cli.js';
import {rootForTest} from '../helpers/test-root.js';
import {consoleStartedInTime} from '../helpers/console-started-by.js';
import {atTime, hasFaketime, hasTmux, openTmuxSession, type TmuxSession} from '../helpers/tmux.js';

const slow = 60_000;

const jobsYaml = `timezone: Asia/Shanghai
jobs:
  - id: night_tick
    cron: "*/5 * * * * *"
    command: ["sh", "-c", "echo tick"]
`;

/** The log panel's rows: from its title row to the Failures panel's. */
function logRows(s: TmuxSession): string[] {
	const rows = s.rows();
	const from = rows.findIndex(row => row.includes('Log · '));
	const to = rows.findIndex(row => row.includes('Failures today'));
	return rows.slice(from + 1, to);
}

/** Where the separator row `text` is, and that it falls after every line of 23:59 and before every line of 00:00. */
function expectDayBetween(rows: string[], text: string): void {
	const separator = rows.findIndex(row => row.trim() === text);
	expect(separator, rows.join('\n')).toBeGreaterThan(0);
	const evening = rows.map((row, index) => (/^.\s?23:59:\d\d /.test(row) ? index : -1)).filter(index => index >= 0);
	const morning = rows.map((row, index) => (/^.\s?00:00:\d\d /.test(row) ? index : -1)).filter(index => index >= 0);
	expect(evening.length, rows.join('\n')).toBeGreaterThan(0);
	expect(morning.length, rows.join('\n')).toBeGreaterThan(0);
	expect(Math.max(...evening), rows.join('\n')).toBe(separator - 1);
	expect(Math.min(...morning), rows.join('\n')).toBe(separator + 1);
}

describe.skipIf(!hasTmux || !hasFaketime)('the log tail across midnight (tmux, faketime)', () => {
	it('marks where a new day starts, in the console open through it and in one attached after it', async () => {
		// Given a console whose clock reads 23:59:45 on Monday 7 Dec in Shanghai, and a job logging every 5 s
		// (the clock starts with the process: a start of over 10 s on a loaded box logged no line before
		// midnight, so when its scheduler started after 23:59:53 the test starts over on a new root from 23:59:35)
		let rootDir = '';
		const night = await consoleStartedInTime(['23:59:45', '23:59:35'], '23:59:53', start => {
			rootDir = rootForTest({'config/jobs.yaml': jobsYaml}).dir;
			return openTmuxSession('log-days', `${atTime(`2026-12-07T${start}+08:00`, `${binary} --root ${rootDir}`)}; sleep 120`, 120, 40);
		}, slow);
		await night.see(/23:59:5\d night_tick +tick/, slow);
		// Before midnight every line is of today: no separator
		expect(logRows(night).some(row => row.includes(' Dec ──'))).toBe(false);

		// When midnight passes and the job logs again
		await night.see(/00:00:05 night_tick +tick/, slow);

		// Then a dim row names the new day between the last line of Monday and the first of Tuesday
		expectDayBetween(logRows(night), '── Tue 8 Dec ──');
		const styled = night.styledScreen().split('\n').find(row => row.includes('── Tue 8 Dec ──'))!;
		expect(styled).toMatch(/\u001B\[[\d;]*2[;m]/);

		// And a console attached after midnight gets the same lines as its backlog, marked the same way
		const morning = openTmuxSession('log-days-attached', `${atTime('2026-12-08T00:00:10+08:00', `${binary} --root ${rootDir}`)}; sleep 120`, 120, 40);
		await morning.see(/(?:attached to )?pid \d+/, slow);
		await morning.see(/00:00:05 night_tick +tick/, slow);
		expectDayBetween(logRows(morning), '── Tue 8 Dec ──');

		// And scrolled to the oldest line, the first row says the lines below it are Monday's
		morning.keys('l');
		morning.keys('g');
		await morning.see(/^›\s?23:59:\d\d /m, 10_000);
		const rows = logRows(morning);
		expect(rows[0]?.trim(), rows.join('\n')).toBe('── Mon 7 Dec ──');
		expect(rows[1], rows.join('\n')).toMatch(/^›\s?23:59:\d\d /);
		expectDayBetween(rows, '── Tue 8 Dec ──');

		// And a separator is not a line: a search for its words finds no line
		morning.keys('G', '/');
		morning.type('Tue 8');
		morning.keys('Enter');
		await morning.see('line with "Tue 8"', 10_000);
	}, 150_000);
});
