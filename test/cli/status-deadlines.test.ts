/**
 * `sage-console status` against a real headless scheduler with a job due today (its 00:00 fire passed
 * before the scheduler started; catch_up skips it) whose `deadline` falls seconds into the test (the
 * scheduler's clock under libfaketime set under a minute back, so a whole minute comes 15 s after its
 * start): once the deadline has passed without a success, status has a `!` line at the top saying so, and
 * `status --json` gives the job's `overdue` as `/v1/jobs` does. Status said nothing of it before.
 */
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {cliOn, schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {dayIn, sameDayAhead} from '../helpers/same-day-ahead.js';
import {shortLeadFirst} from '../helpers/short-lead.js';
import {canStepClock, steppedClock} from '../helpers/stepped-clock.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const zone = 'Asia/Shanghai';

/** HH:MM and the day of `at` in the zone. */
function inZone(at: number): {hhmm: string; day: string} {
	const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23'}).formatToParts(at).map(part => [part.type, part.value]));
	return {hhmm: `${parts.hour}:${parts.minute}`, day: `${parts.year}-${parts.month}-${parts.day}`};
}

describe.skipIf(!canStepClock)('status and a deadline missed today', () => {
	it('says at the top which job missed its deadline today, and --json gives its overdue', async () => {
		// Its 00:00 fire would come during the test (and succeed), or its deadline fall on the next day: the
		// scheduler's clock, up to a minute behind, and the real one, on one day there.
		await sameDayAhead(zone, 180_000);
		if (dayIn(zone, Date.now() - 70_000) !== dayIn(zone, Date.now())) {
			await new Promise(resolve => {
				setTimeout(resolve, 70_000);
			});
		}

		// A start on a loaded box takes seconds, and the first status must come before the deadline.
		await shortLeadFirst([15_000, 40_000], async leadMs => {
			// The scheduler's clock, whole seconds behind the real one (under a minute), reaches the whole minute
			// `deadline` the lead after now.
			const now = Date.now();
			const deadline = Math.floor((now + leadMs) / 60_000) * 60_000;
			const offset = Math.floor((deadline - leadMs - now) / 1000);
			const {hhmm, day} = inZone(deadline);
			const root = processes.makeRoot({'config/jobs.yaml': `timezone: ${zone}
jobs:
  - {id: close_report, cron: "0 0 * * *", command: ["true"], deadline: "${hhmm}"}
  - {id: backup_db, cron: "30 2 * * *", command: ["true"]}
`});
			const clock = steppedClock(root.dir);
			clock.step(`${offset < 0 ? '' : '+'}${offset}`);
			const app = startCli(['--headless', '--root', root.dir], {env: clock.env});
			processes.track(app);
			await schedulerStarted(app);
			const cli = cliOn(root.dir);

			type StatusJob = {id: string; overdue?: string};
			const jobs = () => (JSON.parse(cli('status', '--json')) as {jobs: StatusJob[]}).jobs;
			const overdueBefore = jobs().find(job => job.id === 'close_report')?.overdue;
			const textBefore = cli('status');
			if (Date.now() >= now + leadMs) {
				processes.killAll();
				return false;
			}

			expect(overdueBefore).toBeUndefined();
			expect(textBefore).not.toMatch(/^! deadline/m);

			// The scheduler tells it in its log once the deadline passed (the alert's line).
			const log = path.join(root.dir, 'logs', 'sage-console.log');
			await waitFor(() => existsSync(log) && readFileSync(log, 'utf8').includes(`close_report has not succeeded by its deadline ${day} ${hhmm}: never started`), leadMs + 60_000, `close_report's deadline ${hhmm} to pass`);
			const byId = new Map(jobs().map(job => [job.id, job]));
			expect(byId.get('close_report')!.overdue).toBe(`deadline missed (${day})`);
			expect(byId.get('backup_db')!.overdue).toBeUndefined();

			const text = cli('status');
			expect(text).toMatch(new RegExp(`^! deadline close_report missed \\(${day}\\), no success since$`, 'm'));
			expect(text).not.toMatch(/^! .*backup_db/m);
			return true;
		});
	}, 400_000);
});
