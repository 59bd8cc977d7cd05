/**
 * `list` of an interval job no scheduler has loaded yet: its times count from the start of the scheduler
 * that first loads it, so `list` shows them as if one started now, to the second (not
 * `14:27:32.507`, milliseconds that changed at every call), marks them `*` and says why under the
 * table; `--json` says `counts_from_scheduler_start: true` and has whole seconds too. Once a scheduler
 * has loaded the job, its recorded anchor is used and there is no mark. A one-off `run` of another job
 * (no scheduler running) schedules nothing, so it records no anchor: the mark stays.
 */
import {describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';

const processes = trackHeadlessProcesses();

const jobs = 'jobs:\n  - {id: refresh_quotes, trigger: interval, minutes: 5, command: ["true"]}\n  - {id: backup_db, trigger: manual, command: ["true"]}\n';

type Listed = {id: string; next: string[]; counts_from_scheduler_start?: boolean};

describe('list of an interval no scheduler has loaded', () => {
	it('shows whole seconds, marked as counting from the scheduler\'s start, in the table and in --json', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': jobs});
		const table = runCli(['list', '--count', '2', '--root', root.dir]);
		expect(table.code).toBe(0);
		const rows = table.stdout.split('\n');
		const first = rows.find(row => row.startsWith('refresh_quotes')) ?? '';
		expect(first).toMatch(/ \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\+08:00 \* +active$/);
		expect(rows[rows.indexOf(first) + 1]).toMatch(/^ +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\+08:00 \*$/);
		expect(rows.find(row => row.startsWith('backup_db'))).not.toContain('*');
		expect(table.stdout).toContain('\n* an interval no scheduler has loaded yet: it counts from the start of the scheduler that first loads it, so these times are as if one started now\n');

		const listed = JSON.parse(runCli(['list', '--json', '--root', root.dir]).stdout) as Listed[];
		const quotes = listed.find(job => job.id === 'refresh_quotes')!;
		expect(quotes.counts_from_scheduler_start).toBe(true);
		for (const time of quotes.next) {
			expect(time).toMatch(/T\d\d:\d\d:\d\d\+08:00$/);
		}

		expect(listed.find(job => job.id === 'backup_db')!.counts_from_scheduler_start).toBeUndefined();

		// A one-off run here loads the jobs but schedules none: the interval still counts from a scheduler's start
		expect(runCli(['run', 'backup_db', '--root', root.dir]).code).toBe(0);
		const afterOneOff = runCli(['list', '--root', root.dir]);
		expect(afterOneOff.stdout.split('\n').find(row => row.startsWith('refresh_quotes'))).toMatch(/\+08:00 \* +active$/);
		expect(afterOneOff.stdout).toContain('\n* an interval no scheduler has loaded yet');

		// Once a scheduler has loaded the job, its anchor is recorded: no mark, no note
		await schedulerStarted(processes.start(root.dir));
		const anchored = runCli(['list', '--root', root.dir]);
		expect(anchored.stdout).not.toContain('*');
		expect((JSON.parse(runCli(['list', '--json', '--root', root.dir]).stdout) as Listed[])[0]!.counts_from_scheduler_start).toBeUndefined();
	}, 60_000);
});
