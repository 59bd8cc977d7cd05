/**
 * config/calendar.yaml removed while the scheduler runs is an edit like any other: the watcher applies
 * it, and the closures the file added are gone from the fire times, as at a start without the file.
 * It used to be taken for the broken text last told about (none: both "undefined"), so the removed
 * closures kept holding jobs off until a `reload` or a restart. Real headless scheduler, real files.
 */
import {rmSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

// Monday 7 January 2030, a year with no shipped closures: a trading day unless calendar.yaml closes it.
const jobs = [
	'jobs:',
	'  - {id: tick, cron: "* * * * * *", command: ["true"]}',
	'  - {id: on_day, trigger: cron, year: 2030, month: 1, day: 7, hour: 9, calendar: trading-days, command: ["true"]}',
	'',
].join('\n');

function nextFireOf(dir: string, id: string): string | undefined {
	const status = JSON.parse(runCli(['status', '--json', '--root', dir]).stdout) as {jobs: Array<{id: string; nextFireAt?: string}>};
	return status.jobs.find(job => job.id === id)?.nextFireAt;
}

describe('calendar.yaml removed while the scheduler runs', () => {
	it('Given a closure on the only day a job fires, When the file is removed, Then the job fires that day again', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': jobs, 'config/calendar.yaml': 'closures: [2030-01-07]\n'});
		const scheduler = processes.start(root.dir);
		await schedulerStarted(scheduler);
		expect(nextFireOf(root.dir, 'on_day')).toBeUndefined();

		rmSync(path.join(root.dir, 'config/calendar.yaml'));

		await waitFor(() => nextFireOf(root.dir, 'on_day') === '2030-01-07T09:00:00+08:00', 30_000, 'on_day to fire on 2030-01-07 again');
		await waitFor(() => scheduler.output().stdout.includes('"msg":"calendar: changed, 0 closures from calendar.yaml"'), 10_000, 'the log line');
	}, 90_000);
});
