/**
 * Whose message a webhook body names, against a real local receiver: a job's own `ctx.notify` gives the
 * job's name (it gave its id as its name), and a service's alert names the service only (it also had a
 * `job` made of the service's id, which a receiver routing by `job` took for a job of that name).
 */
import {attachWebhookNotifier} from '../helpers/webhook-notifier.js';
import {expect, it} from 'vitest';
import type {WebhookEvent} from '../../src/notify/channels/webhook.js';
import {trackLocalReceivers} from '../http/local-receiver.js';
import {makeTempRoot, testJobs} from '../helpers/temp-root.js';
import {trackTestSchedulers} from '../helpers/test-scheduler.js';

const makeScheduler = trackTestSchedulers();
const startReceiver = trackLocalReceivers();

it('ctx.notify carries its job\'s name; a service\'s alert names the service and no job', async () => {
	const {receiver, url} = await startReceiver();
	const root = makeTempRoot({...testJobs, 'jobs/tells.ts': 'export default async function run(ctx: any) { ctx.notify(\'日报已生成\', \'12 stocks\'); return 1; }\n'});
	const t = makeScheduler('jobs:\n  - {id: report, name: 每日报告, trigger: manual, module: jobs/tells.ts}\n', {root});
	const notifier = attachWebhookNotifier(t, url);
	t.scheduler.start();
	const submitted = t.scheduler.submit('report');
	const run = await t.scheduler.whenFinished(submitted.ok ? submitted.run.id : 0);
	await receiver.waitFor(1);
	// The host hands the supervisor's alerts to the notifier so.
	notifier.sendServiceAlert({serviceId: 'quotes', kind: 'service-fatal', at: Date.parse('2026-11-20T10:00:00+08:00'), message: 'quotes is fatal: it exited 5 times within 10 min', runId: 7}, {id: 'quotes', name: '行情采集'});
	await notifier.idle();

	const [told, service] = receiver.received.map(request => JSON.parse(request.body) as WebhookEvent & {service?: unknown});
	expect(told).toMatchObject({event: 'job', job: {id: 'report', name: '每日报告'}, runId: run!.id, title: '日报已生成'});
	expect(service).toMatchObject({event: 'service-fatal', service: {id: 'quotes', name: '行情采集'}, runId: 7});
	expect(service).not.toHaveProperty('job');
});
