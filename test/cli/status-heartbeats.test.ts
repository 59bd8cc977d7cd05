/**
 * `sage-console status` against a real headless scheduler whose heartbeat jobs were pinged through
 * `sage-console ping`: a late or down heartbeat is a `!` line at the top, and every heartbeat job has a
 * row in the console's words (`⧗ late …`, `✗ down: fail …`, `new, no ping yet`, `· new, started …`)
 * with the ping it expects next; `status --json` gives each its `heartbeat` under `/v1/jobs`' names.
 * Status said nothing of them before: a late heartbeat's past expected ping sat first among the NEXT
 * FIREs as if a job fired then, and --json had no heartbeat field.
 */
import {expect, it} from 'vitest';
import {cliOn, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

const jobsYaml = `timezone: Asia/Shanghai
jobs:
  - {id: export_every_second, cron: "* * * * * *", heartbeat: true, grace: 1h}
  - {id: macro_export, cron: "0 18 * * *", heartbeat: true, grace: 30m}
  - {id: bars_export, cron: "0 18 * * *", heartbeat: true, grace: 30m}
  - {id: news_export, cron: "0 18 * * *", heartbeat: true, grace: 30m}
  - {id: quiet_export, cron: "0 18 * * *", heartbeat: true, grace: 30m}
  - {id: backup_db, cron: "30 2 * * *", command: ["true"]}
`;

type StatusJob = {id: string; nextFireAt?: string; heartbeat?: {state: string; graceMs: number; lastPingAt?: string; lastOutcome?: string; lastStartAt?: string; nextExpectedAt?: string}};

const stamp = String.raw`\d{4}-\d\d-\d\d \d\d:\d\d:\d\d`;

/** A headless scheduler on the heartbeat jobs: runs a CLI command against it, expecting exit 0, and gives its stdout. */
async function headlessCli(): Promise<(...args: string[]) => string> {
	const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
	await schedulerStarted(processes.start(root.dir));
	return cliOn(root.dir);
}

it('says which heartbeat is late or down at the top and lists every heartbeat\'s state; --json gives its heartbeat', async () => {
	const cli = await headlessCli();

	cli('ping', 'export_every_second');
	cli('ping', 'macro_export', '--fail');
	cli('ping', 'bars_export');
	cli('ping', 'news_export', '--start');
	const jobs = () => (JSON.parse(cli('status', '--json')) as {jobs: StatusJob[]}).jobs;
	// Its next ping was due by the next second: late from then, for the hour of its grace.
	await waitFor(() => jobs().find(job => job.id === 'export_every_second')?.heartbeat?.state === 'late', 20_000, 'export_every_second to go late');

	const text = cli('status');
	expect(text).toMatch(new RegExp(`^! heartbeat export_every_second late: no ping since ${stamp}, the one expected by ${stamp} has not come; down at ${stamp}, after its grace of 1h00m$`, 'm'));
	expect(text).toMatch(/^! heartbeat macro_export down: its last ping reported a failure/m);
	// Up and new ones need nothing of the operator: no `!` line.
	expect(text).not.toMatch(/^! heartbeat (bars|news|quiet)_export/m);

	expect(text).toMatch(/^HEARTBEAT +STATE +NEXT PING$/m);
	expect(text).toMatch(new RegExp(`^export_every_second +⧗ late ${stamp} +${stamp} (now|\\S+ overdue)$`, 'm'));
	expect(text).toMatch(new RegExp(`^macro_export +✗ down: fail ${stamp} +${stamp} `, 'm'));
	expect(text).toMatch(new RegExp(`^bars_export +✓ up ${stamp} +${stamp.replace(String.raw`\d\d:\d\d:\d\d`, '18:00:00')} in `, 'm'));
	expect(text).toMatch(new RegExp(`^news_export +· new, started ${stamp} +\\d{4}-\\d\\d-\\d\\d 18:00:00 in `, 'm'));
	expect(text).toMatch(/^quiet_export +new, no ping yet +\d{4}-\d\d-\d\d 18:00:00 in /m);
	// Nothing of theirs fires: the next fires are the other jobs'.
	const fires = text.slice(text.indexOf('NEXT FIRE'), text.indexOf('HEARTBEAT'));
	expect(fires).toMatch(/backup_db/);
	expect(fires).not.toMatch(/_export/);

	const byId = new Map(jobs().map(job => [job.id, job]));
	const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?\+08:00$/;
	expect(byId.get('export_every_second')!.heartbeat).toMatchObject({state: 'late', graceMs: 3_600_000, lastOutcome: 'success', lastPingAt: expect.stringMatching(iso), nextExpectedAt: expect.stringMatching(iso)});
	expect(byId.get('macro_export')!.heartbeat).toMatchObject({state: 'down', graceMs: 1_800_000, lastOutcome: 'fail'});
	expect(byId.get('bars_export')!.heartbeat).toMatchObject({state: 'up', lastOutcome: 'success', nextExpectedAt: expect.stringMatching(/T18:00:00(\.000)?\+08:00$/)});
	expect(byId.get('news_export')!.heartbeat).toEqual({state: 'new', graceMs: 1_800_000, lastStartAt: expect.stringMatching(iso)});
	expect(byId.get('quiet_export')!.heartbeat).toEqual({state: 'new', graceMs: 1_800_000});
	// Before its first ping, its next time is its schedule's, as the console's NEXT gives it.
	expect(byId.get('quiet_export')!.nextFireAt).toMatch(/T18:00:00(\.000)?\+08:00$/);
	expect(byId.get('backup_db')!.heartbeat).toBeUndefined();
}, 90_000);

it('says a paused heartbeat was pinged and expects nothing, and one the scheduler\'s pause holds says so', async () => {
	const cli = await headlessCli();

	cli('ping', 'macro_export', '--fail');
	cli('ping', 'bars_export');
	cli('pause', 'macro_export');
	const paused = cli('status');
	// Paused, a down heartbeat tells nothing: no `!` line, its row its last ping only.
	expect(paused).not.toMatch(/^! heartbeat macro_export/m);
	expect(paused).toMatch(new RegExp(`^macro_export +pinged ${stamp} +paused$`, 'm'));
	expect(paused).toMatch(/^quiet_export +new, no ping yet +\d{4}-\d\d-\d\d 18:00:00 in /m);

	cli('pause', '--all');
	const held = cli('status');
	expect(held).toMatch(new RegExp(`^bars_export +pinged ${stamp} +scheduler paused$`, 'm'));
	expect(held).toMatch(/^quiet_export +no ping yet +scheduler paused$/m);
	expect(held).toMatch(new RegExp(`^macro_export +pinged ${stamp} +paused$`, 'm'));
}, 90_000);
