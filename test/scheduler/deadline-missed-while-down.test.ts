/**
 * A job's deadline that passed while no scheduler ran is told by the next start, once, as the running
 * scheduler would have told it at the deadline: `deadline missed`, why (never started, or failed with
 * its error), and that no scheduler was running then. Only the generic `was down` alert (after an
 * unclean end only, naming no job) covered that time, and a clean stop nothing at all. Paused and
 * disabled jobs are not told, `notify: false` reaches no phone, and a deadline the scheduler before
 * judged (the job paused at the time) is not judged again. A real host on one SQLite file, its
 * webhook channel a real local receiver, on a fixed clock; 2026-11-20 is a Friday and a trading day.
 */
import {afterEach, expect, it} from 'vitest';
import {resolvePaths} from '../../src/host/paths.js';
import {SchedulerHost} from '../../src/host/scheduler-host.js';
import type {WebhookEvent} from '../../src/notify/channels/webhook.js';
import type {JobAlert} from '../../src/scheduler/job-alert.js';
import {trackLocalReceivers} from '../http/local-receiver.js';
import {openAlertingHost} from '../helpers/alerting-host.js';
import {ManualClock} from '../helpers/manual-clock.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';
import {waitFor} from '../helpers/wait-for.js';

const startReceiver = trackLocalReceivers();
let root: TempRoot | undefined;
const open: SchedulerHost[] = [];

afterEach(async () => {
	for (const host of open.splice(0)) {
		await host.close('cancel');
	}

	root?.remove();
});

const at = (iso: string) => Date.parse(`${iso}+08:00`);

/** Each job fails until its file `JOB-ok` is in the root. */
const job = (id: string, cron: string, deadline: string, more = '') => `  - {id: ${id}, cron: "${cron}", calendar: trading-days, command: ["sh", "-c", "test -e ${id}-ok"], deadline: "${deadline}"${more}}\n`;

async function makeRoot(jobs: string): Promise<{receiver: Awaited<ReturnType<typeof startReceiver>>['receiver']; dir: string}> {
	const {receiver, url} = await startReceiver();
	root = makeTempRoot({
		'config/jobs.yaml': `warm_workers: 0\njobs:\n${jobs}`,
		'config/notify_config.json': JSON.stringify({channels: {webhook: {url}}, delivery: {attempts: 2, backoff_ms: 20, timeout_ms: 5000}}),
	});
	return {receiver, dir: root.dir};
}

async function start(dir: string, clock: ManualClock): Promise<{host: SchedulerHost; alerts: JobAlert[]}> {
	const opened = await openAlertingHost(dir, clock);
	open.push(opened.host);
	return opened;
}

async function stop(host: SchedulerHost): Promise<void> {
	open.splice(open.indexOf(host), 1);
	await host.close('cancel');
}

const told = (alerts: JobAlert[]) => alerts.map(alert => [alert.jobId, alert.kind, alert.reason, alert.day]);
const overdueOf = (host: SchedulerHost, id: string) => host.scheduler.snapshot().jobs.find(row => row.id === id)?.overdue;
const phone = (receiver: {received: Array<{body: string}>}) => receiver.received.map(request => JSON.parse(request.body) as WebhookEvent);

it('a deadline that passed while no scheduler ran is told at the next start, once; not for a paused or disabled job, nor to the phone for notify: false', async () => {
	const {receiver, dir} = await makeRoot(job('bars', '30 16 * * *', '17:30')
		+ job('quiet', '0 16 * * *', '17:00', ', notify: false')
		+ job('held', '0 16 * * *', '17:00')
		+ job('off', '0 16 * * *', '17:00', ', enabled: false')
		+ job('evening', '0 16 * * *', '18:00'));
	// Given a scheduler up from 15:50 to 15:55 (held paused by then), then none until 17:40: every 16:xx fire is missed
	const clock = new ManualClock(at('2026-11-20T15:50:00'));
	const before = await start(dir, clock);
	expect(before.host.scheduler.setPaused('held', true)).toBe(true);
	clock.advance(5 * 60_000);
	await stop(before.host);
	clock.advance(at('2026-11-20T17:40:00') - clock.now());

	// When the scheduler starts at 17:40, after bars' 17:30 and quiet's 17:00 deadlines (evening's is at 18:00)
	const after = await start(dir, clock);

	// Then each is told at once as missed, never started, with no scheduler running then; held and off are not
	expect(told(after.alerts)).toEqual([['bars', 'deadline-missed', 'never started', '2026-11-20'], ['quiet', 'deadline-missed', 'never started', '2026-11-20']]);
	expect(after.alerts[0]!.message).toBe('bars has not succeeded by its deadline 2026-11-20 17:30: never started; no scheduler was running then (down from 15:55, started again 17:40)');
	expect(overdueOf(after.host, 'bars')).toBe('deadline missed (2026-11-20)');
	expect(overdueOf(after.host, 'held')).toBeUndefined();
	// The phone hears bars; quiet has notify: false
	await waitFor(() => phone(receiver).some(event => event.event === 'deadline-missed'), 20_000, 'the deadline alert to reach the webhook');
	clock.advance(5 * 60_000);
	await stop(after.host);
	expect(phone(receiver).map(event => [event.event, event.job?.id, event.reason])).toEqual([['deadline-missed', 'bars', 'never started']]);

	// And a start after that tells it no more (kept as told), while it is still overdue
	const again = await start(dir, clock);
	expect(again.alerts).toEqual([]);
	expect(overdueOf(again.host, 'bars')).toBe('deadline missed (2026-11-20)');
});

it('a run that failed before the scheduler went down, its deadline passing while down: told at the next start as failed, with its error', async () => {
	const {receiver, dir} = await makeRoot(job('bars', '30 16 * * *', '17:30'));
	// Given bars failed at 16:30 and the scheduler stopped at 17:00
	const clock = new ManualClock(at('2026-11-20T16:00:00'));
	const before = await start(dir, clock);
	let failed: number | undefined;
	before.host.scheduler.events.on('run-finished', run => {
		failed = run.id;
	});
	clock.advance(30 * 60_000);
	await waitFor(() => failed, 20_000, 'the 16:30 run to end');
	clock.advance(30 * 60_000);
	await stop(before.host);

	// When it starts again at 17:40
	clock.advance(40 * 60_000);
	const after = await start(dir, clock);

	// Then the deadline is told as missed because the run failed, naming it and its error
	expect(after.alerts.map(alert => [alert.kind, alert.reason, alert.runId])).toEqual([['deadline-missed', 'failed', failed]]);
	expect(after.alerts[0]!.message).toMatch(/^bars has not succeeded by its deadline 2026-11-20 17:30: failed \(ExitCode.*; no scheduler was running then \(down from 17:00, started again 17:40\)$/);
	await waitFor(() => phone(receiver).some(event => event.event === 'deadline-missed'), 20_000, 'the deadline alert to reach the webhook');
});

it('a deadline the scheduler before judged (the job paused at the time, resumed since) is not told by the next start', async () => {
	const {dir} = await makeRoot(job('bars', '30 16 * * *', '17:30'));
	// Given bars paused through its 16:30 fire and its 17:30 deadline, resumed at 17:35, and the scheduler stopped then
	const clock = new ManualClock(at('2026-11-20T16:00:00'));
	const before = await start(dir, clock);
	before.host.scheduler.setPaused('bars', true);
	clock.advance(at('2026-11-20T17:35:00') - clock.now());
	before.host.scheduler.setPaused('bars', false);
	expect(before.alerts).toEqual([]);
	await stop(before.host);

	// When it starts again at 17:40
	clock.advance(5 * 60_000);
	const after = await start(dir, clock);

	// Then nothing is told: the deadline passed while a scheduler watched, with bars not due
	expect(after.alerts).toEqual([]);
	expect(overdueOf(after.host, 'bars')).toBeUndefined();
});

it('a one-off run while no scheduler runs leaves the deadline passed meanwhile to the next scheduler\'s start', async () => {
	const {dir} = await makeRoot(job('bars', '30 16 * * *', '17:30') + '  - {id: tidy, trigger: manual, command: ["true"]}\n');
	// Given a scheduler up from 16:00 to 16:10, and at 17:35 a one-off run of another job (sage-console run tidy), no scheduler
	const clock = new ManualClock(at('2026-11-20T16:00:00'));
	const before = await start(dir, clock);
	clock.advance(10 * 60_000);
	await stop(before.host);
	clock.advance(at('2026-11-20T17:35:00') - clock.now());
	const oneOff = SchedulerHost.open({paths: resolvePaths({root: dir}), logToStdout: false, schedules: false, clock});
	const oneOffAlerts: JobAlert[] = [];
	oneOff.scheduler.events.on('job-alert', alert => oneOffAlerts.push(alert));
	open.push(oneOff);
	await oneOff.start();
	const submitted = oneOff.scheduler.submit('tidy');
	expect((await oneOff.scheduler.whenFinished(submitted.ok ? submitted.run.id : Number.NaN))?.status).toBe('success');
	await stop(oneOff);

	// When the scheduler starts at 17:40
	clock.advance(5 * 60_000);
	const after = await start(dir, clock);

	// Then the one-off run told nothing of bars, and the scheduler's start does
	expect(oneOffAlerts).toEqual([]);
	expect(told(after.alerts)).toEqual([['bars', 'deadline-missed', 'never started', '2026-11-20']]);
	expect(after.alerts[0]!.message).toContain('(down from 16:10, started again 17:40)');
});

it('a deadline of yesterday evening that passed while no scheduler ran is told by this morning\'s start, with its day', async () => {
	const {dir} = await makeRoot(job('night', '0 23 * * *', '23:30'));
	// Given a scheduler up on Thursday from 22:00 to 22:10, and none again until Friday 08:00
	const clock = new ManualClock(at('2026-11-19T22:00:00'));
	const before = await start(dir, clock);
	clock.advance(10 * 60_000);
	await stop(before.host);
	clock.advance(at('2026-11-20T08:00:00') - clock.now());

	// When it starts on Friday morning
	const after = await start(dir, clock);

	// Then Thursday's 23:30 deadline is told, and the job is overdue for Thursday
	expect(told(after.alerts)).toEqual([['night', 'deadline-missed', 'never started', '2026-11-19']]);
	expect(after.alerts[0]!.message).toBe('night has not succeeded by its deadline 2026-11-19 23:30: never started; no scheduler was running then (down from 22:10, started again 2026-11-20 08:00)');
	expect(overdueOf(after.host, 'night')).toBe('deadline missed (2026-11-19)');
});
