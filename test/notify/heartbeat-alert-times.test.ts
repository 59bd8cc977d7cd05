/**
 * A heartbeat job's alerts, as a Shanghai operator's phone shows them: the last ping and the expected one
 * in the job's zone (they were UTC ISO, `2026-11-19T07:00:00.000Z`, which reads as another time, and
 * after 16:00 Shanghai as another day), and when the alert was noticed (watch alerts gave no time at
 * all). A real scheduler with the test's clock, its alerts through the real notifier's webhook channel to a
 * real local receiver. 2026-11-19 is a Thursday and a trading day.
 */
import {attachWebhookNotifier} from '../helpers/webhook-notifier.js';
import {expect, it} from 'vitest';
import type {WebhookEvent} from '../../src/notify/channels/webhook.js';
import {trackLocalReceivers} from '../http/local-receiver.js';
import {trackTestSchedulers} from '../helpers/test-scheduler.js';

const makeScheduler = trackTestSchedulers();
const startReceiver = trackLocalReceivers();

it('late and up again say the ping times and when, in the job\'s zone', async () => {
	const {receiver, url} = await startReceiver();
	const t = makeScheduler(`timezone: Asia/Shanghai
jobs:
  - {id: py_export, name: 宏观导出, cron: "0 16 * * *", calendar: trading-days, heartbeat: true, grace: 30m}
`, {now: Date.parse('2026-11-19T15:00:00+08:00')});
	const notifier = attachWebhookNotifier(t, url);
	t.scheduler.start();
	// Given a ping at 15:00:00.250 and none by 16:00, the next expected
	t.clock.advance(250);
	t.scheduler.ping('py_export', 'success');
	t.clock.advance((60 * 60_000) + 1000);
	// When it pings again at 16:10
	t.clock.advance(10 * 60_000);
	t.scheduler.ping('py_export', 'success');
	await notifier.idle();

	const events = receiver.received.map(request => JSON.parse(request.body) as WebhookEvent);
	expect(events.map(event => event.event)).toEqual(['heartbeat-late', 'heartbeat-up']);
	expect(events[0]!.text).toBe([
		'⏰ 宏观导出: heartbeat late',
		'',
		'job: 宏观导出 (py_export)',
		'what: heartbeat-late',
		'why: py_export is late: no ping since 2026-11-19T15:00:00+08:00 (expected 2026-11-19T16:00:00+08:00)',
		'at: 2026-11-19 16:00:00',
	].join('\n'));
	expect(events[1]!.text).toContain('why: py_export is up again: pinged 2026-11-19T16:10:01+08:00\nat: 2026-11-19 16:10:01');
});
