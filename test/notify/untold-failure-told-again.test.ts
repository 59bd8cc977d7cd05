/**
 * A first-failure alert that reached no channel (the box's network down at the moment, every attempt
 * refused) does not count as told: the job's next failure alerts, and its recovery is told as ever. It
 * counted, so the repeats were silent and the phone heard nothing of a job failing day after day until
 * it recovered. A real scheduler, the real notifier and a real local webhook receiver.
 */
import {attachWebhookNotifier} from '../helpers/webhook-notifier.js';
import {expect, it} from 'vitest';
import type {WebhookEvent} from '../../src/notify/channels/webhook.js';
import {trackLocalReceivers} from '../http/local-receiver.js';
import {MemoryLogger, trackTestSchedulers, type TestScheduler} from '../helpers/test-scheduler.js';

const makeScheduler = trackTestSchedulers();
const startReceiver = trackLocalReceivers();

async function runOnce(t: TestScheduler, jobId: string) {
	const submitted = t.scheduler.submit(jobId);
	return t.scheduler.whenFinished(submitted.ok ? submitted.run.id : 0);
}

it('a failure alert no channel took leaves the next failure to alert; one that went out silences the repeats; the recovery counts them all', async () => {
	const {receiver, url} = await startReceiver();
	const t = makeScheduler('jobs:\n  - {id: feed, name: 行情同步, trigger: manual, command: ["sh", "-c", "test -e feed-ok"]}\n');
	const logger = new MemoryLogger();
	const notifier = attachWebhookNotifier(t, url, logger);
	t.scheduler.start();
	// Given the first failure's alert is refused at every attempt
	receiver.status = 503;
	const first = await runOnce(t, 'feed');
	await notifier.idle();
	expect(notifier.notificationsFor(first!.id)).toMatchObject([{channel: 'webhook', status: 'failed', attempts: 2}]);
	// When the receiver is back and the job fails again, and again
	receiver.status = 200;
	const second = await runOnce(t, 'feed');
	await notifier.idle();
	await runOnce(t, 'feed');
	await notifier.idle();
	// And then succeeds
	t.root.write('feed-ok', '');
	const recovered = await runOnce(t, 'feed');
	await notifier.idle();
	// Then the second failure is told, the third is not, and the recovery counts all three
	const told = receiver.received.slice(2).map(request => JSON.parse(request.body) as WebhookEvent);
	expect(told.map(event => [event.event, event.run?.id])).toEqual([['failure', second!.id], ['recovery', recovered!.id]]);
	expect(told[1]!.text).toContain('failed: 3 times since');
	expect(logger.lines.some(line => line.level === 'warn' && line.msg.includes('feed') && line.msg.includes('reached no channel'))).toBe(true);
});
