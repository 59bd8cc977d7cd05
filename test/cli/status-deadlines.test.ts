/**
 * `sage-console status` against a real headless scheduler with a job due today (its 00:00 fire passed
 * before the scheduler started; catch_up skips it) whose `deadline` falls a minute or so into the test:
 * once the deadline has passed without a success, status has a `!` line at the top saying so, and
 * `status --json` gives the job's `overdue` as `/v1/jobs` does. Status said nothing of it before.
 */
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {expect, it} from 'vitest';
import {cliOn, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {sameDayAhead} from '../helpers/same-day-ahead.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const zone = 'Asia/Shanghai';

/**
 * The first whole minute (HH:MM in the zone) at least 40 s from now, and its day there: after the
 * scheduler's start (seconds on a loaded box) and the first status, which must come before it.
 */
function nextDeadline(): {hhmm: string; day: string} {
	const at = new Date(Math.ceil((Date.now() + 40_000) / 60_000) * 60_000);
	const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23'}).formatToParts(at).map(part => [part.type, part.value]));
	return {hhmm: `${parts.hour}:${parts.minute}`, day: `${parts.year}-${parts.month}-${parts.day}`};
}

it('says at the top which job missed its deadline today, and --json gives its overdue', async () => {
	// Its 00:00 fire would come during the test (and succeed), or its deadline fall on the next day.
	await sameDayAhead(zone, 180_000);
	const {hhmm, day} = nextDeadline();
	const root = processes.makeRoot({'config/jobs.yaml': `timezone: ${zone}
jobs:
  - {id: close_report, cron: "0 0 * * *", command: ["true"], deadline: "${hhmm}"}
  - {id: backup_db, cron: "30 2 * * *", command: ["true"]}
`});
	await schedulerStarted(processes.start(root.dir));
	const cli = cliOn(root.dir);

	type StatusJob = {id: string; overdue?: string};
	const jobs = () => (JSON.parse(cli('status', '--json')) as {jobs: StatusJob[]}).jobs;
	expect(jobs().find(job => job.id === 'close_report')?.overdue).toBeUndefined();
	expect(cli('status')).not.toMatch(/^! deadline/m);

	// The scheduler tells it in its log once the deadline passed (the alert's line).
	const log = path.join(root.dir, 'logs', 'sage-console.log');
	await waitFor(() => existsSync(log) && readFileSync(log, 'utf8').includes(`close_report has not succeeded by its deadline ${day} ${hhmm}: never started`), 130_000, `close_report's deadline ${hhmm} to pass`);
	const byId = new Map(jobs().map(job => [job.id, job]));
	expect(byId.get('close_report')!.overdue).toBe(`deadline missed (${day})`);
	expect(byId.get('backup_db')!.overdue).toBeUndefined();

	const text = cli('status');
	expect(text).toMatch(new RegExp(`^! deadline close_report missed \\(${day}\\), no success since$`, 'm'));
	expect(text).not.toMatch(/^! .*backup_db/m);
}, 400_000);
