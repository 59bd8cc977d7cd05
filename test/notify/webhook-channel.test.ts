/**
 * The webhook channel against a real local receiver: the JSON body, the signature the receiver checks,
 * retries with backoff on 5xx and none on 4xx, first failure and recovery as the other channels; and
 * ping_url pings (start, success, fail) from real runs.
 */
import path from 'node:path';
import {beforeEach, describe, expect, it} from 'vitest';
import {attachPingUrls, pingUrlFor} from '../../src/host/ping-urls.js';
import {verifyWebhookSignature, webhookSignature, type WebhookEvent} from '../../src/notify/channels/webhook.js';
import {Notifier} from '../../src/notify/notifier.js';
import {loadNotifySettings} from '../../src/notify/notify-settings.js';
import {SqliteNotificationStore} from '../../src/store/notification-store.js';
import {openDatabase} from '../../src/store/open-database.js';
import {trackLocalReceivers, type LocalReceiver} from '../http/local-receiver.js';
import {MemoryLogger, trackTestSchedulers, type TestScheduler} from '../helpers/test-scheduler.js';
import {makeTempRoot, testJobs} from '../helpers/temp-root.js';
import {waitFor} from '../helpers/wait-for.js';

const secret = 'hook-secret-0a9b8c7d6e';
const makeScheduler = trackTestSchedulers();
const startReceiver = trackLocalReceivers();
let receiver: LocalReceiver;
let url: string;

beforeEach(async () => {
	({receiver, url} = await startReceiver());
});

function notifierFor(t: TestScheduler): {notifier: Notifier; logger: MemoryLogger} {
	t.root.write('config/notify_config.json', JSON.stringify({channels: {webhook: {url: `${url}/sage`, secret}}, delivery: {attempts: 3, backoff_ms: 30, timeout_ms: 2000}}));
	const logger = new MemoryLogger();
	const notifier = new Notifier(loadNotifySettings(path.join(t.root.dir, 'config/notify_config.json'), path.join(t.root.dir, 'config/user_config.json')), new SqliteNotificationStore(openDatabase(path.join(t.root.dir, 'data/sage.db'))), logger);
	notifier.attach(t.scheduler);
	return {notifier, logger};
}

async function runOnce(t: TestScheduler, jobId: string) {
	const submitted = t.scheduler.submit(jobId);
	return t.scheduler.whenFinished(submitted.ok ? submitted.run.id : 0);
}

const jobs = `jobs:
  - {id: feed, name: 行情, trigger: manual, module: jobs/throws.ts}
`;

describe('webhook channel', () => {
	it('signs the JSON body with a timestamp; the receiver verifies it; a tampered body or old timestamp does not verify', async () => {
		const t = makeScheduler(jobs);
		const {notifier} = notifierFor(t);
		t.scheduler.start();
		const run = await runOnce(t, 'feed');
		await notifier.idle();
		expect(receiver.received).toHaveLength(1);
		const request = receiver.received[0]!;
		expect(request).toMatchObject({method: 'POST', path: '/sage', headers: {'content-type': 'application/json'}});
		const header = request.headers['x-sage-signature'] as string;
		expect(header).toMatch(/^t=\d+,v1=[\da-f]{64}$/);
		expect(verifyWebhookSignature(header, request.body, secret)).toBe(true);
		expect(verifyWebhookSignature(header, request.body.replace('feed', 'fees'), secret)).toBe(false);
		expect(verifyWebhookSignature(header, request.body, secret, Date.now() + 600_000)).toBe(false);
		const timestamp = Number(/t=(\d+)/.exec(header)![1]);
		expect(header).toBe(`t=${timestamp},v1=${webhookSignature(secret, timestamp, request.body)}`);
		const body = JSON.parse(request.body) as WebhookEvent;
		expect(body).toMatchObject({
			event: 'failure', job: {id: 'feed', name: '行情'}, status: 'failed',
			run: {id: run!.id, trigger: 'manual', attempt: 1, scheduledAt: run!.scheduledAt, finishedAt: run!.finishedAt, durationMs: run!.durationMs},
			error: {type: 'DataFeedError', message: 'feed returned 502 for 600519.SH'},
			title: '❌ 行情 failed',
		});
		expect(body.times.sentAt).toBeGreaterThan(0);
	});

	it('retries a 5xx with backoff until it is taken; a 4xx is not retried; the first failure and the recovery only', async () => {
		const t = makeScheduler(jobs);
		const {notifier} = notifierFor(t);
		t.scheduler.start();
		receiver.status = 503;
		const waiting = runOnce(t, 'feed');
		await receiver.waitFor(2);
		receiver.status = 200;
		const run = await waiting;
		await notifier.idle();
		expect(receiver.received).toHaveLength(3);
		expect(notifier.notificationsFor(run!.id)).toMatchObject([{channel: 'webhook', recipient: 'webhook', status: 'sent', attempts: 3}]);
		// The repeat is not told.
		await runOnce(t, 'feed');
		await notifier.idle();
		expect(receiver.received).toHaveLength(3);
		// A receiver that refuses the body is not asked again.
		t.scheduler.reload((await import('../../src/config/load-jobs-config.js')).parseJobsConfig(jobs.replace('module: jobs/throws.ts', 'command: ["true"]'), 'x', t.root.dir));
		receiver.status = 400;
		const recovered = await runOnce(t, 'feed');
		await notifier.idle();
		expect(receiver.received).toHaveLength(4);
		expect(JSON.parse(receiver.received[3]!.body)).toMatchObject({event: 'recovery', status: 'success'});
		expect(notifier.notificationsFor(recovered!.id)).toMatchObject([{status: 'failed', attempts: 1, error: 'HTTP 400'}]);
	});

	it('a job\'s own ctx.notify message goes out with its job and run', async () => {
		const root = makeTempRoot({...testJobs, 'jobs/tells.ts': 'export default async function run(ctx: any) { ctx.notify(\'日报已生成\', \'<b>12</b> stocks\'); return 1; }\n'});
		const t = makeScheduler('jobs:\n  - {id: report, trigger: manual, module: jobs/tells.ts}\n', {root});
		const {notifier} = notifierFor(t);
		t.scheduler.start();
		const run = await runOnce(t, 'report');
		await receiver.waitFor(1);
		await notifier.idle();
		const body = JSON.parse(receiver.received[0]!.body) as WebhookEvent;
		expect(body).toMatchObject({event: 'job', job: {id: 'report'}, runId: run!.id, title: '日报已生成', text: '日报已生成\n\n12 stocks'});
		expect(verifyWebhookSignature(receiver.received[0]!.headers['x-sage-signature'] as string, receiver.received[0]!.body, secret)).toBe(true);
	});

	it('a heartbeat job\'s down and back-up alerts carry their reason in the body, not only in the text', async () => {
		const t = makeScheduler('jobs:\n  - {id: py_export, cron: "0 16 * * *", calendar: trading-days, heartbeat: true, grace: 30m}\n', {now: Date.parse('2026-11-20T10:00:00+08:00')});
		const {notifier} = notifierFor(t);
		t.scheduler.start();
		t.scheduler.ping('py_export', 'fail');
		t.scheduler.ping('py_export', 'success');
		await notifier.idle();
		const bodies = receiver.received.map(request => JSON.parse(request.body) as WebhookEvent);
		expect(bodies.map(body => body.event)).toEqual(['heartbeat-down', 'heartbeat-up']);
		for (const body of bodies) {
			expect(body).toMatchObject({job: {id: 'py_export'}, reason: expect.stringMatching(/^py_export is /) as string, at: Date.parse('2026-11-20T10:00:00+08:00')});
			expect(body.text).toContain(`why: ${body.reason}`);
		}
	});
});

describe('ping_url', () => {
	it('start, then success or fail, Healthchecks-style, from real runs', async () => {
		expect(pingUrlFor('https://hc-ping.com/abc', 'start')).toBe('https://hc-ping.com/abc/start');
		expect(pingUrlFor('https://hc-ping.com/abc/', 'fail')).toBe('https://hc-ping.com/abc/fail');
		expect(pingUrlFor('https://hc-ping.com/abc?rid=1', 'success')).toBe('https://hc-ping.com/abc?rid=1');
		const t = makeScheduler(`jobs:
  - {id: good, trigger: manual, command: ["true"], ping_url: "${url}/ping/good"}
  - {id: bad, trigger: manual, command: ["false"], ping_url: "${url}/ping/bad"}
  - {id: flaky, trigger: manual, command: ["false"], retries: 1, retry_backoff: 100ms, ping_url: "${url}/ping/flaky"}
  - {id: quiet, trigger: manual, command: ["true"]}
`);
		const stop = attachPingUrls(t.scheduler, t.logger);
		t.scheduler.start();
		await runOnce(t, 'good');
		await runOnce(t, 'bad');
		await runOnce(t, 'quiet');
		// Two attempts, two starts, one fail: the first attempt's failure had a retry to come.
		const first = await runOnce(t, 'flaky');
		t.clock.advance(100); // The retry's backoff, on the test's clock.
		const second = await waitFor(() => t.ended.find(run => run.jobId === 'flaky' && run.attempt === 2), 10_000, 'the retry');
		await receiver.waitFor(7);
		stop();
		expect(receiver.received.map(request => `${request.method} ${request.path}`).sort()).toEqual(['POST /ping/bad/fail', 'POST /ping/bad/start', 'POST /ping/flaky/fail', 'POST /ping/flaky/start', 'POST /ping/flaky/start', 'POST /ping/good', 'POST /ping/good/start']);
		expect(receiver.received.find(request => request.path === '/ping/bad/fail')!.body).toMatch(/^run \d+ failed/);
		expect(receiver.received.find(request => request.path === '/ping/flaky/fail')!.body).toMatch(new RegExp(`^run ${second.id} failed`));
		expect(first?.attempt).toBe(1);
	});
});
