/**
 * A missed deadline stays missed across a scheduler restart (a deploy, `systemctl restart`): the job
 * row keeps `overdue` and the success that makes it up sends `deadline-met`, through the real notifier's
 * webhook channel to a real local receiver. The overdue mark lived in memory only, so after a restart
 * the phone that heard "deadline missed" never heard that the job had caught up; and a failure before a
 * restart was told at the deadline after it as `never started`.
 * 2026-11-20 is a Friday and a trading day.
 */
import {attachWebhookNotifier} from '../helpers/webhook-notifier.js';
import {expect, it} from 'vitest';
import type {WebhookEvent} from '../../src/notify/channels/webhook.js';
import {trackLocalReceivers} from '../http/local-receiver.js';
import {trackTestSchedulers} from '../helpers/test-scheduler.js';

const at = (text: string) => Date.parse(text);
const makeScheduler = trackTestSchedulers();
const startReceiver = trackLocalReceivers();

/** Succeeds once the file `bars-ok` is in the root. */
const jobs = `jobs:
  - {id: bars, cron: "30 16 * * *", calendar: trading-days, command: ["sh", "-c", "test -e bars-ok"], deadline: "17:30"}
`;

it('a deadline missed before a restart is still overdue after it, and the late success sends deadline-met', async () => {
	const {receiver, url} = await startReceiver();
	const events = () => receiver.received.map(request => JSON.parse(request.body) as WebhookEvent).filter(event => event.event.startsWith('deadline'));
	// Given bars failed at 16:30 and missed its 17:30 deadline, which was told
	const t = makeScheduler(jobs, {now: at('2026-11-20T16:00:00+08:00')});
	const first = attachWebhookNotifier(t, url);
	t.scheduler.start();
	t.clock.advance(30 * 60_000);
	expect((await t.scheduler.whenFinished(t.started[0]!.id))!.status).toBe('failed');
	t.clock.advance(61 * 60_000);
	await first.idle();
	expect(events().map(event => [event.event, event.reason, event.day])).toEqual([['deadline-missed', 'failed', '2026-11-20']]);

	// When the scheduler restarts at 17:40 and the mended job then succeeds
	const again = await t.restart(at('2026-11-20T17:40:00+08:00'));
	const second = attachWebhookNotifier(again, url);
	again.scheduler.start();
	expect(again.scheduler.snapshot().jobs.find(job => job.id === 'bars')?.overdue).toBe('deadline missed (2026-11-20)');
	again.root.write('bars-ok', '');
	const submitted = again.scheduler.submit('bars');
	expect(submitted.ok).toBe(true);
	expect((await again.scheduler.whenFinished(submitted.ok ? submitted.run.id : 0))!.status).toBe('success');
	await second.idle();

	// Then the phone hears that it caught up, once, and the job is no longer overdue
	expect(events().map(event => [event.event, event.day])).toEqual([['deadline-missed', '2026-11-20'], ['deadline-met', '2026-11-20']]);
	expect(again.scheduler.snapshot().jobs.find(job => job.id === 'bars')?.overdue).toBeUndefined();
});

it('a failure before a restart is told at the deadline after it as failed, with its error, not as never started', async () => {
	const {receiver, url} = await startReceiver();
	// Given bars failed at 16:30 and the scheduler restarted at 17:00
	const t = makeScheduler(jobs, {now: at('2026-11-20T16:00:00+08:00')});
	t.scheduler.start();
	t.clock.advance(30 * 60_000);
	const failed = (await t.scheduler.whenFinished(t.started[0]!.id))!;
	expect(failed.status).toBe('failed');
	const again = await t.restart(at('2026-11-20T17:00:00+08:00'));
	const notifier = attachWebhookNotifier(again, url);
	again.scheduler.start();
	// When its 17:30 deadline passes
	again.clock.advance(31 * 60_000);
	await notifier.idle();
	// Then the alert says it failed, and which run
	const events = receiver.received.map(request => JSON.parse(request.body) as WebhookEvent);
	expect(events.map(event => [event.event, event.reason, event.runId])).toEqual([['deadline-missed', 'failed', failed.id]]);
	expect(events[0]!.text).toContain('17:30: failed (ExitCode');
});
