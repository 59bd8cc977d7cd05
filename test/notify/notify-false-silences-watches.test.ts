/**
 * `notify: false` silences a job (README): its missed deadline and its heartbeat going late or down
 * reach no phone either, as its failures do not. They went out. A job that only turns its failure
 * alerts off (`notify: {on_failure: false}`) still hears of its deadline: that is how an operator asks
 * for "tell me only if it has not succeeded by 17:30". A real scheduler with the test's clock, the real
 * notifier and a real local webhook receiver; 2026-11-20 is a Friday and a trading day.
 */
import {attachWebhookNotifier} from '../helpers/webhook-notifier.js';
import {expect, it} from 'vitest';
import type {WebhookEvent} from '../../src/notify/channels/webhook.js';
import {trackLocalReceivers} from '../http/local-receiver.js';
import {trackTestSchedulers} from '../helpers/test-scheduler.js';

const makeScheduler = trackTestSchedulers();
const startReceiver = trackLocalReceivers();

it('notify: false sends no deadline or heartbeat alert; on_failure: false still sends the deadline\'s', async () => {
	const {receiver, url} = await startReceiver();
	const t = makeScheduler(`jobs:
  - {id: quiet, cron: "0 17 * * *", calendar: trading-days, command: ["false"], deadline: "17:30", notify: false}
  - {id: quiet_ping, cron: "0 17 * * *", calendar: trading-days, heartbeat: true, grace: 5m, notify: false}
  - {id: report, cron: "0 17 * * *", calendar: trading-days, command: ["false"], deadline: "17:30", notify: {on_failure: false}}
`, {now: Date.parse('2026-11-20T16:55:00+08:00')});
	const notifier = attachWebhookNotifier(t, url);
	t.scheduler.start();
	t.scheduler.ping('quiet_ping', 'success');
	// Given both jobs fail at 17:00 and the heartbeat's 17:00 ping does not come
	t.clock.advance(5 * 60_000);
	for (const run of t.started) {
		await t.scheduler.whenFinished(run.id);
	}

	// When 17:30 passes
	t.clock.advance(31 * 60_000);
	await notifier.idle();
	// Then only report's deadline is told
	const told = receiver.received.map(request => JSON.parse(request.body) as WebhookEvent);
	expect(told.map(event => [event.event, event.job?.id])).toEqual([['deadline-missed', 'report']]);
	expect(t.scheduler.snapshot().jobs.find(job => job.id === 'quiet')?.overdue).toBe('deadline missed (2026-11-20)');
	expect(t.scheduler.snapshot().jobs.find(job => job.id === 'quiet_ping')?.heartbeat?.state).toBe('down');
});
