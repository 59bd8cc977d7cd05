/**
 * An alert says what the operator can do about it from the phone, as commands naming its run: a
 * failure's `sage-console show` and `retry`, a run past its max_duration's `logs --follow` and `cancel`,
 * a service gone fatal (held until a manual start) `sage-console start`.
 * Alerts named the run and the log file only. A real scheduler with the test's clock, the real notifier
 * and a real local webhook receiver.
 */
import {attachWebhookNotifier} from '../helpers/webhook-notifier.js';
import {expect, it} from 'vitest';
import type {WebhookEvent} from '../../src/notify/channels/webhook.js';
import {trackLocalReceivers} from '../http/local-receiver.js';
import {trackTestSchedulers} from '../helpers/test-scheduler.js';

const makeScheduler = trackTestSchedulers();
const startReceiver = trackLocalReceivers();

it('a failure names show and retry for its run; a run past max_duration logs --follow and cancel; a fatal service start', async () => {
	const {receiver, url} = await startReceiver();
	const t = makeScheduler(`jobs:
  - {id: feed, name: 行情同步, trigger: manual, command: ["false"]}
  - {id: train, trigger: manual, module: jobs/sleep.ts, params: {ms: 1000}, max_duration: 10m}
`);
	const notifier = attachWebhookNotifier(t, url);
	t.scheduler.start();
	const feed = t.scheduler.submit('feed');
	const failed = await t.scheduler.whenFinished(feed.ok ? feed.run.id : 0);
	await notifier.idle();
	const train = t.scheduler.submit('train');
	const trainId = train.ok ? train.run.id : 0;
	t.clock.advance(11 * 60_000);
	await notifier.idle();
	await t.scheduler.whenFinished(trainId);
	// The host hands the supervisor's alerts to the notifier so.
	notifier.sendServiceAlert({serviceId: 'quotes', kind: 'service-fatal', at: t.clock.now(), message: 'quotes is fatal: it exited 5 times within 10 min', runId: 9}, {id: 'quotes', name: '行情采集'});
	await notifier.idle();

	const told = receiver.received.map(request => JSON.parse(request.body) as WebhookEvent);
	expect(told.map(event => event.event)).toEqual(['failure', 'max-duration', 'service-fatal']);
	expect(told[0]!.text).toContain(`\nnext: sage-console show ${failed!.id} (the whole error and log) · sage-console retry ${failed!.id}`);
	expect(told[1]!.text).toContain(`\nnext: sage-console logs ${trainId} --follow · sage-console cancel ${trainId}`);
	expect(told[2]!.text).toContain('\nnext: mend why it exits (sage-console show 9), then sage-console start quotes');
});
