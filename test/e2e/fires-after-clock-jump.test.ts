/**
 * Fire times passed while the scheduler could not fire (a suspended VM or laptop, an NTP step forward),
 * against the built `sage-console --headless` under libfaketime: the wall clock steps an hour forward
 * while it runs. As APScheduler 3 does with `coalesce` and `misfire_grace_time`: the times an interval
 * passed run once, for the latest of them (its history row's scheduled time and trade date are today's,
 * not an hour-old time's), and a fire later than its job's `misfire_grace` does not run, with a log line
 * saying so. Three days of a per-second job are one fire, not a burst.
 */
import {describe, expect, it} from 'vitest';
import {cliOn, schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {canStepClock, steppedClock} from '../helpers/stepped-clock.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

type HistoryRow = {job_id: string; trigger: string; status: string; scheduled_at: string};

/** `at` as jobs.yaml takes it, in Shanghai time with its offset, whole seconds. */
const shanghai = (at: number) => `${new Date(Math.floor(at / 1000) * 1000 + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;

describe.skipIf(!canStepClock)('fires passed while the scheduler could not fire (wall clock stepped an hour forward)', () => {
	it('coalesces an interval\'s passed times into one run for the latest, and drops a fire later than its misfire_grace, saying so', async () => {
		const now = Date.now();
		// Intervals counted from 5 minutes ago: 10 minutes on, then every 10 (none in the next 4 minutes).
		const start = now - 5 * 60_000;
		const runDate = shanghai(now + 2 * 60_000);
		const root = processes.makeRoot({'config/jobs.yaml': `timezone: Asia/Shanghai
jobs:
  - {id: every_ten, trigger: interval, minutes: 10, start_date: "${shanghai(start)}", command: ["true"]}
  - {id: once_strict, trigger: date, run_date: "${runDate}", misfire_grace: 10m, command: ["true"]}
  - {id: once_lenient, trigger: date, run_date: "${runDate}", misfire_grace: 2h, command: ["true"]}
`});
		const clock = steppedClock(root.dir);
		const app = startCli(['--headless', '--root', root.dir], {env: clock.env});
		processes.track(app);
		await schedulerStarted(app);

		clock.step('+1h');
		const cli = cliOn(root.dir);
		const history = () => JSON.parse(cli('history', '--json')) as HistoryRow[];
		const rows = await waitFor(() => {
			const all = history();
			return all.some(row => row.job_id === 'every_ten' && row.status === 'success') && all.some(row => row.job_id === 'once_lenient' && row.status === 'success') && all;
		}, 30_000, 'the runs after the step');

		// Six interval times passed (start + 10 min … start + 60 min): one run, for the latest.
		const latest = shanghai(start + 60 * 60_000);
		expect(rows.filter(row => row.job_id === 'every_ten').map(row => [row.trigger, row.scheduled_at])).toEqual([['schedule', latest]]);
		// The log lines, which reach stdout a moment after the rows are written.
		const said = (text: string) => waitFor(() => app.output().stdout.split('\n').find(line => line.includes(text)), 10_000, text);
		expect(await said('every_ten: ')).toContain(`every_ten: 6 fire times passed while the scheduler could not fire (clock jump or a suspended machine); coalesced into one run, for the latest, ${latest}`);
		const misfire = await said('once_strict: ');
		// Missed by about 58 minutes: within a 2 h grace it runs, for its time; beyond 10 minutes it does not.
		expect(rows.filter(row => row.job_id === 'once_lenient').map(row => row.scheduled_at)).toEqual([runDate]);
		// Its lateness in words, not '3480123 ms'.
		expect(await said('once_lenient fired')).toMatch(/"once_lenient fired 5\dm\d\ds late"/);
		expect(rows.filter(row => row.job_id === 'once_strict')).toEqual([]);
		expect(misfire).toMatch(new RegExp(`once_strict: fire time ${runDate.replace('+', '\\+')} missed by 5\\dm\\d\\ds, more than its misfire_grace 10m00s: not run`));
		app.child.kill('SIGTERM');
		expect(await app.exited).toBe(0);
	}, 90_000);

	it('fires a per-second job once for the three days a step passed, not once per 100,000 of its times in a burst', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: sec, cron: "* * * * * *", command: ["true"]}\n'});
		const clock = steppedClock(root.dir);
		const app = startCli(['--headless', '--root', root.dir], {env: clock.env});
		processes.track(app);
		await schedulerStarted(app);
		const cli = cliOn(root.dir);
		const history = () => (JSON.parse(cli('history', '--json', '--job', 'sec', '--limit', '1000')) as HistoryRow[]).map(row => ({...row, at: Date.parse(row.scheduled_at)}));
		await waitFor(() => history().some(row => row.status === 'success'), 30_000, 'a run of sec');
		const beforeStep = Date.now();

		clock.step('+3d');
		const said = await waitFor(() => app.output().stdout.split('\n').find(line => line.includes('fire times passed')), 30_000, 'the coalesce line');
		expect(said).toMatch(/sec: at least 10001 fire times passed while the scheduler could not fire \(clock jump or a suspended machine\); coalesced into one run, for the latest, 2026-/);
		// Runs go on every second from the new time; by the second one after the step, any burst has fired.
		const rows = await waitFor(() => {
			const all = history();
			return all.filter(row => row.at > beforeStep + 3 * 86_400_000 - 60_000 && row.status === 'success').length >= 3 && all;
		}, 30_000, 'runs after the step');
		// Nothing for a time in the three days passed but the latest, and one row a second at most: a burst
		// would be many fires at one instant, each skipped behind the first still running.
		expect(rows.filter(row => row.at > beforeStep + 1000 && row.at < beforeStep + 3 * 86_400_000 - 60_000).map(row => row.scheduled_at)).toEqual([]);
		const times = rows.map(row => row.scheduled_at);
		expect(new Set(times).size, times.join('\n')).toBe(times.length);
		// The step's own fire runs; a later second's fire may be skipped behind it on a loaded box (its
		// process still starting), which is concurrency: skip doing its job, not a burst.
		const stepFire = Math.min(...rows.filter(row => row.at > beforeStep + 1000).map(row => row.at));
		expect(rows.filter(row => row.at <= stepFire && row.status === 'skipped')).toEqual([]);
		expect(app.output().stdout.split('\n').filter(line => line.includes('fire times passed'))).toHaveLength(1);
		app.child.kill('SIGTERM');
		expect(await app.exited).toBe(0);
	}, 90_000);
});
