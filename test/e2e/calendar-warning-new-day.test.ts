/**
 * The calendar's warning follows the date on a scheduler that runs for weeks: at midnight on
 * 1 December it warns that next year's closures are not loaded (a box started in November said
 * nothing all December), and on 1 January that this year's are missing. It was worked out when the
 * scheduler started or its config was reloaded only. A headless scheduler whose clock libfaketime sets
 * 10 s before midnight in Shanghai (the machine's zone UTC); a start on a loaded box takes seconds and the
 * first status must come before midnight, so a box too slow for that has it again 20 s before, then 30 s.
 * `status` reads it as an operator does.
 */
import {describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {shortLeadFirst} from '../helpers/short-lead.js';
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

/**
 * A scheduler whose clock starts `leadMs` before `midnight` (UTC), its root, and whether the looks before
 * midnight ended in time (the lead after the start, on the real clock: its clock started no earlier).
 */
async function schedulerBefore(midnight: string, leadMs: number) {
	const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
	const startedAt = Date.now();
	const utc = new Date(Date.parse(`${midnight}Z`) - leadMs).toISOString().slice(0, 19).replace('T', ' ');
	const app = startCli(['--headless', '--root', root.dir], {env: {LD_PRELOAD: libfaketime, FAKETIME: `@${utc}`, TZ: 'UTC'}});
	processes.track(app);
	await schedulerStarted(app);
	return {root: root.dir, inTime: () => Date.now() < startedAt + leadMs};
}

describe.skipIf(!canStepClock)('the calendar warning of a scheduler running into a new month (faketime)', () => {
	it('warns of next year\'s closures from 1 December on', async () => {
		await shortLeadFirst([10_000, 20_000, 30_000], async leadMs => {
			const {root, inTime} = await schedulerBefore('2026-11-30 16:00:00', leadMs);
			const before = statusWarnings(root);
			if (!inTime()) {
				processes.killAll();
				return false;
			}

			expect(before).toEqual([]);
			await waitFor(() => statusWarnings(root).includes('! 2027 closures not loaded yet: add them to config/calendar.yaml when the notice is out') || undefined, 60_000, 'the December warning');
			return true;
		});
	}, 150_000);

	it('says on 1 January that the new year has no closures', async () => {
		await shortLeadFirst([10_000, 20_000, 30_000], async leadMs => {
			const {root, inTime} = await schedulerBefore('2026-12-31 16:00:00', leadMs);
			const before = statusWarnings(root);
			if (!inTime()) {
				processes.killAll();
				return false;
			}

			expect(before).toEqual(['! 2027 closures not loaded yet: add them to config/calendar.yaml when the notice is out']);
			await waitFor(() => statusWarnings(root).includes('! no exchange closures for 2027: trading days fall back to weekdays') || undefined, 60_000, 'the January warning');
			return true;
		});
	}, 150_000);
});
