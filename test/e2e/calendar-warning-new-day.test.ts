/**
 * The calendar's warning follows the date on a scheduler that runs for weeks: at midnight on
 * 1 December it warns that next year's closures are not loaded (a box started in November said
 * nothing all December), and on 1 January that this year's are missing. It was worked out when the
 * scheduler started or its config was reloaded only. A headless scheduler whose clock libfaketime sets
 * 30 s before midnight in Shanghai (a start on a loaded box takes seconds: the first status must come before midnight) (the machine's zone UTC); `status` reads it as an operator does.
 */
import {describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {canStepClock, libfaketime} from '../helpers/stepped-clock.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

const jobsYaml = `jobs:
  - id: sync_daily_bars
    cron: "30 16 * * *"
    calendar: trading-days
    command: ["true"]
`;

/** The `!` lines of `status`: the calendar's warning and the other notices. */
function statusWarnings(root: string): string[] {
	const result = runCli(['status', '--root', root]);
	expect(result.code, result.stderr).toBe(0);
	return result.stdout.split('\n').filter(line => line.startsWith('! '));
}

async function schedulerAt(utc: string) {
	const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
	const app = startCli(['--headless', '--root', root.dir], {env: {LD_PRELOAD: libfaketime, FAKETIME: `@${utc}`, TZ: 'UTC'}});
	processes.track(app);
	await schedulerStarted(app);
	return root.dir;
}

describe.skipIf(!canStepClock)('the calendar warning of a scheduler running into a new month (faketime)', () => {
	it('warns of next year\'s closures from 1 December on', async () => {
		const root = await schedulerAt('2026-11-30 15:59:30');
		expect(statusWarnings(root)).toEqual([]);
		await waitFor(() => statusWarnings(root).includes('! 2027 closures not loaded yet: add them to config/calendar.yaml when the notice is out') || undefined, 60_000, 'the December warning');
	}, 120_000);

	it('says on 1 January that the new year has no closures', async () => {
		const root = await schedulerAt('2026-12-31 15:59:30');
		expect(statusWarnings(root)).toEqual(['! 2027 closures not loaded yet: add them to config/calendar.yaml when the notice is out']);
		await waitFor(() => statusWarnings(root).includes('! no exchange closures for 2027: trading days fall back to weekdays') || undefined, 60_000, 'the January warning');
	}, 120_000);
});
