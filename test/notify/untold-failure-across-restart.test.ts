/**
 * A first-failure alert that reached no channel is still owed after a scheduler restart: the job's next
 * failure, under the new scheduler, alerts; the repeat after it does not, and the recovery counts them
 * all. That the alert was not told was kept in memory only, so a restart in between (a deploy, the
 * box rebooted while the network was down) left the job failing day after day with a silent phone.
 * A real host on one SQLite file, its notifier's webhook channel a real local receiver.
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, expect, it} from 'vitest';
import type {SchedulerHost} from '../../src/host/scheduler-host.js';
import type {WebhookEvent} from '../../src/notify/channels/webhook.js';
import {trackLocalReceivers} from '../http/local-receiver.js';
import {openAlertingHost} from '../helpers/alerting-host.js';
import {ManualClock} from '../helpers/manual-clock.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';
import {waitFor} from '../helpers/wait-for.js';

const startReceiver = trackLocalReceivers();
let root: TempRoot | undefined;
const hosts: SchedulerHost[] = [];

afterEach(async () => {
	for (const host of hosts.splice(0)) {
		await host.close('cancel');
	}

	root?.remove();
});

async function runOnce(host: SchedulerHost, jobId: string) {
	const submitted = host.scheduler.submit(jobId);
	const record = await host.scheduler.whenFinished(submitted.ok ? submitted.run.id : Number.NaN);
	expect(record).toBeDefined();
	return record!;
}

it('a failure alert no channel took before a restart leaves the next failure after it to alert; the repeat after that is silent', async () => {
	const {receiver, url} = await startReceiver();
	root = makeTempRoot({
		'config/jobs.yaml': 'warm_workers: 0\njobs:\n  - {id: feed, name: 行情同步, trigger: manual, command: ["sh", "-c", "test -e feed-ok"]}\n',
		'config/notify_config.json': JSON.stringify({channels: {webhook: {url}}, delivery: {attempts: 2, backoff_ms: 20, timeout_ms: 5000}}),
	});
	const log = path.join(root.dir, 'logs/sage-console.log');
	const clock = new ManualClock(Date.parse('2026-11-20T10:00:00+08:00'));

	// Given feed's first failure, whose alert the receiver refuses at both attempts, and then a clean restart
	receiver.status = 503;
	const first = await openAlertingHost(root.dir, clock);
	hosts.push(first.host);
	expect((await runOnce(first.host, 'feed')).status).toBe('failed');
	await waitFor(() => readFileSync(log, 'utf8').includes('reached no channel'), 20_000, 'the alert to be refused at every attempt');
	await first.host.close('cancel');
	hosts.splice(0);

	// When the receiver is back and feed fails under the new scheduler, again, and then succeeds
	receiver.status = 200;
	clock.advance(60_000);
	const second = await openAlertingHost(root.dir, clock);
	hosts.push(second.host);
	const told = await runOnce(second.host, 'feed');
	await runOnce(second.host, 'feed');
	root.write('feed-ok', '');
	const recovered = await runOnce(second.host, 'feed');
	const events = () => receiver.received.slice(2).map(request => JSON.parse(request.body) as WebhookEvent);
	await waitFor(() => events().some(event => event.event === 'recovery'), 20_000, 'the recovery alert');
	// Its close lets every alert still queued go out first.
	await second.host.close('cancel');
	hosts.splice(0);

	// Then the first failure after the restart is told, the repeat is not, and the recovery counts all three
	expect(events().map(event => [event.event, event.run?.id])).toEqual([['failure', told.id], ['recovery', recovered.id]]);
	expect(events()[1]!.text).toContain('failed: 3 times since');
});
