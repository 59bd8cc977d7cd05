/**
 * Deadlines, max_duration and heartbeat jobs on a real scheduler with the shipped calendar and a fixed
 * clock, their alerts delivered through the real notifier's webhook channel to a real local receiver
 * that checks the signature. 2026-11-20 is a Friday and a trading day; 2026-10-01 is a holiday.
 */
import path from 'node:path';
import {beforeEach, describe, expect, it} from 'vitest';
import {verifyWebhookSignature, type WebhookEvent} from '../../src/notify/channels/webhook.js';
import {Notifier} from '../../src/notify/notifier.js';
import {loadNotifySettings} from '../../src/notify/notify-settings.js';
import {SqliteNotificationStore} from '../../src/store/notification-store.js';
import {openDatabase} from '../../src/store/open-database.js';
import {trackLocalReceivers, type LocalReceiver} from '../http/local-receiver.js';
import {MemoryLogger, trackTestSchedulers, type TestScheduler} from '../helpers/test-scheduler.js';

const secret = 'whsec-test-5f4e3d2c1b';
const at = (text: string) => Date.parse(text);
const makeScheduler = trackTestSchedulers();
const startReceiver = trackLocalReceivers();
let receiver: LocalReceiver;
let url: string;

beforeEach(async () => {
	({receiver, url} = await startReceiver());
});

function attachNotifier(t: TestScheduler): Notifier {
	t.root.write('config/notify_config.json', JSON.stringify({channels: {webhook: {url: `${url}/hooks/sage`, secret}}, delivery: {attempts: 3, backoff_ms: 20, timeout_ms: 2000}}));
	const settings = loadNotifySettings(path.join(t.root.dir, 'config/notify_config.json'), path.join(t.root.dir, 'config/user_config.json'));
	const notifier = new Notifier(settings, new SqliteNotificationStore(openDatabase(path.join(t.root.dir, 'data/sage.db'))), new MemoryLogger());
	notifier.attach(t.scheduler);
	return notifier;
}

/** The webhook bodies the receiver got, each checked against its signature. */
function events(): WebhookEvent[] {
	return receiver.received.map(request => {
		expect(verifyWebhookSignature(request.headers['x-sage-signature'] as string, request.body, secret)).toBe(true);
		expect(verifyWebhookSignature(request.headers['x-sage-signature'] as string, request.body, 'another-secret')).toBe(false);
		return JSON.parse(request.body) as WebhookEvent;
	});
}

const deadlineJobs = `jobs:
  - {id: bars, cron: "30 16 * * *", calendar: trading-days, command: ["false"], deadline: "17:30", notify: {on_failure: false}}
  - {id: report, after: [bars], command: ["true"], deadline: "17:45"}
  - {id: quotes, cron: "0 17 * * *", calendar: trading-days, command: ["true"], deadline: "17:30"}
`;

describe('deadlines', () => {
	it('on a trading day: one alert per job that has not succeeded by its deadline, saying why; none for a job that did', async () => {
		// Given the bars job fails at 16:30 and the report after it never starts
		const t = makeScheduler(deadlineJobs, {now: at('2026-11-20T16:00:00+08:00')});
		const notifier = attachNotifier(t);
		t.scheduler.start();
		t.clock.advance(30 * 60_000);
		const bars = t.started.find(run => run.jobId === 'bars')!;
		await t.scheduler.whenFinished(bars.id);
		t.clock.advance(30 * 60_000);
		const quotes = t.started.find(run => run.jobId === 'quotes')!;
		expect((await t.scheduler.whenFinished(quotes.id))!.status).toBe('success');
		// When the deadlines (17:30, 17:45) pass
		t.clock.advance(46 * 60_000);
		await notifier.idle();
		// Then bars (failed) and report (never started) are told once; quotes, which succeeded at 17:00, is not
		const told = events().map(event => [event.event, event.job?.id, event.reason, event.day]);
		expect(told).toEqual([
			['deadline-missed', 'bars', 'failed', '2026-11-20'],
			['deadline-missed', 'report', 'never started', '2026-11-20'],
		]);
		expect(receiver.received[0]!.path).toBe('/hooks/sage');
		expect(events()[0]!.text).toContain('deadline 2026-11-20 17:30: failed');
		expect(t.scheduler.snapshot().jobs.find(job => job.id === 'bars')?.overdue).toBe('deadline missed (2026-11-20)');
		// And no repeat later that evening
		t.clock.advance(3 * 3_600_000);
		await notifier.idle();
		expect(receiver.received).toHaveLength(2);
	});

	it('on an exchange holiday: no alert (the schedule is not due)', async () => {
		const t = makeScheduler(deadlineJobs, {now: at('2026-10-01T16:00:00+08:00')});
		const notifier = attachNotifier(t);
		t.scheduler.start();
		t.clock.advance(3 * 3_600_000);
		await notifier.idle();
		expect(t.started).toEqual([]);
		expect(receiver.received).toEqual([]);
	});

	it('a job still running at its deadline is told as such, and its late success ends it with deadline-met', async () => {
		const t = makeScheduler(`jobs:
  - {id: slow, cron: "25 17 * * *", calendar: trading-days, module: jobs/sleep.ts, params: {ms: 1500}, deadline: "17:30"}
`, {now: at('2026-11-20T17:20:00+08:00')});
		const notifier = attachNotifier(t);
		t.scheduler.start();
		t.clock.advance(5 * 60_000);
		const run = t.started[0]!;
		t.clock.advance(5 * 60_000);
		await notifier.idle();
		expect(events().map(event => [event.event, event.reason])).toEqual([['deadline-missed', 'still running']]);
		await t.scheduler.whenFinished(run.id);
		await receiver.waitFor(2);
		expect(events()[1]).toMatchObject({event: 'deadline-met', job: {id: 'slow'}});
		expect(t.scheduler.snapshot().jobs[0]!.overdue).toBeUndefined();
	});
});

describe('max_duration', () => {
	it('a run past max_duration is told once and keeps running', async () => {
		const t = makeScheduler(`jobs:
  - {id: train, trigger: manual, module: jobs/sleep.ts, params: {ms: 1500}, max_duration: 10m}
`, {now: at('2026-11-20T10:00:00+08:00')});
		const notifier = attachNotifier(t);
		t.scheduler.start();
		const submitted = t.scheduler.submit('train');
		expect(submitted.ok).toBe(true);
		const runId = submitted.ok ? submitted.run.id : 0;
		t.clock.advance(11 * 60_000);
		await notifier.idle();
		expect(events().map(event => [event.event, event.runId])).toEqual([['max-duration', runId]]);
		expect(t.scheduler.snapshot().live.map(live => live.runId)).toEqual([runId]);
		expect((await t.scheduler.whenFinished(runId))!.status).toBe('success');
	});
});

const heartbeatJobs = `jobs:
  - {id: py_export, name: Python 导出, cron: "0 16 * * *", calendar: trading-days, heartbeat: true, grace: 30m}
`;

describe('heartbeat jobs', () => {
	it('new, up, late, down and back up on trading days, each change told once through the webhook', async () => {
		const t = makeScheduler(heartbeatJobs, {now: at('2026-11-19T15:00:00+08:00')});
		const notifier = attachNotifier(t);
		t.scheduler.start();
		const state = () => t.scheduler.snapshot().jobs[0]!;
		expect(state()).toMatchObject({kind: 'heartbeat', heartbeat: {state: 'new', graceMs: 1_800_000}});
		expect(t.scheduler.submit('py_export')).toMatchObject({ok: false});
		expect(t.scheduler.ping('py_export', 'success')).toMatchObject({state: 'up', nextExpectedAt: at('2026-11-19T16:00:00+08:00')});
		t.clock.advance(61 * 60_000);
		expect(state().heartbeat?.state).toBe('late');
		expect(state().overdue).toBe('heartbeat late');
		t.clock.advance(30 * 60_000);
		expect(state().heartbeat?.state).toBe('down');
		t.clock.advance(60 * 60_000);
		t.scheduler.ping('py_export', 'success');
		expect(state()).toMatchObject({heartbeat: {state: 'up', nextExpectedAt: at('2026-11-20T16:00:00+08:00')}});
		await notifier.idle();
		expect(events().map(event => [event.event, event.job?.id])).toEqual([['heartbeat-late', 'py_export'], ['heartbeat-down', 'py_export'], ['heartbeat-up', 'py_export']]);
		// Nothing ever ran for it.
		expect(t.started).toEqual([]);
	});

	it('over exchange holidays no ping is expected: up from the eve of National Day to the next trading day', async () => {
		const t = makeScheduler(heartbeatJobs, {now: at('2026-09-30T16:05:00+08:00')});
		const notifier = attachNotifier(t);
		t.scheduler.start();
		expect(t.scheduler.ping('py_export', 'success')).toMatchObject({state: 'up', nextExpectedAt: at('2026-10-08T16:00:00+08:00')});
		t.clock.advance(7 * 24 * 3_600_000);
		expect(t.scheduler.snapshot().jobs[0]!.heartbeat?.state).toBe('up');
		await notifier.idle();
		expect(receiver.received).toEqual([]);
	});

	it('a fail ping is down at once', async () => {
		const t = makeScheduler(heartbeatJobs, {now: at('2026-11-20T10:00:00+08:00')});
		const notifier = attachNotifier(t);
		t.scheduler.start();
		expect(t.scheduler.ping('py_export', 'fail')).toMatchObject({state: 'down', lastOutcome: 'fail'});
		await notifier.idle();
		expect(events().map(event => event.event)).toEqual(['heartbeat-down']);
	});
});
