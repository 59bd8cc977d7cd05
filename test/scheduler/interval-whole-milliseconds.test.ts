/**
 * An interval that is no whole number of milliseconds in floating point (`hours: 1.1` is
 * 3960000.0000000005 ms, `seconds: 2.0001` is 2000.1 ms) fires once per period. Its next fire time
 * after a fire was that same instant again: `list` showed one time over and over, and the scheduler
 * fired the job without end at it (a run, then one "skipped" row a millisecond after another, the
 * scheduler's thread held by the loop). `hours: .inf` is refused, not taken. Built CLI, real headless
 * scheduler.
 */
import {describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

type HistoryRow = {job_id: string; scheduled_at: string};

describe('an interval with a fraction of a millisecond in it', () => {
	it('hours: 1.1 lists one fire every 66 minutes', () => {
		const root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: every_66m, trigger: interval, hours: 1.1, start_date: "2027-01-04 09:00:00", command: ["true"]}\n'});
		const listed = runCli(['list', '--json', '--from', '2027-01-04T09:00:00+08:00', '--count', '4', '--root', root.dir]);
		expect(listed.stderr).toBe('');
		expect((JSON.parse(listed.stdout) as Array<{next: string[]}>)[0]!.next).toEqual([
			'2027-01-04T09:00:00+08:00',
			'2027-01-04T10:06:00+08:00',
			'2027-01-04T11:12:00+08:00',
			'2027-01-04T12:18:00+08:00',
		]);
	});

	it('seconds: 2.0001 fires each fire time once while the scheduler runs', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: frac, trigger: interval, seconds: 2.0001, command: ["true"]}\n'});
		await schedulerStarted(processes.start(root.dir));
		const rows = await waitFor(() => {
			const history = runCli(['history', '--json', '--job', 'frac', '--root', root.dir]);
			const found = history.code === 0 ? JSON.parse(history.stdout) as HistoryRow[] : [];
			return found.length >= 3 && found;
		}, 60_000, 'three runs of frac');
		const times = rows.map(row => row.scheduled_at);
		expect(new Set(times).size).toBe(times.length);
	}, 120_000);

	it('hours: .inf is a problem at the hours', () => {
		const root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: never, trigger: interval, hours: .inf, command: ["true"]}\n'});
		const result = runCli(['validate', '--root', root.dir]);
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('config/jobs.yaml:2:43: hours must be a non-negative number');
	});
});
