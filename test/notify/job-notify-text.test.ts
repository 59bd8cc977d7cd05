/**
 * A job's own `ctx.notify(title, html)` as the robots and the webhook show it (their markdown and text
 * are the HTML's plain text), through a real local receiver: inline tags leave no space in a Chinese
 * word (`组合<b>收益</b>` read `组合 收益`), entities are decoded (`A&amp;B` read `A&amp;B`), and
 * paragraphs are lines without stray spaces at their ends.
 */
import {attachWebhookNotifier} from '../helpers/webhook-notifier.js';
import {expect, it} from 'vitest';
import type {WebhookEvent} from '../../src/notify/channels/webhook.js';
import {trackLocalReceivers} from '../http/local-receiver.js';
import {makeTempRoot, testJobs} from '../helpers/temp-root.js';
import {trackTestSchedulers} from '../helpers/test-scheduler.js';

const makeScheduler = trackTestSchedulers();
const startReceiver = trackLocalReceivers();

it('the plain text of a job\'s HTML message keeps its words whole and its entities decoded', async () => {
	const {receiver, url} = await startReceiver();
	const html = '<h4>组合<b>收益</b> <font color="red">+1.23%</font></h4><p>贵州茅台&nbsp;600519.SH 上涨<br/>A&amp;B 仓位 &lt;5%</p><p>&#x1F4C8; 完</p>';
	const root = makeTempRoot({...testJobs, 'jobs/tells.ts': `export default async function run(ctx: any) { ctx.notify('📈 今日收益', ${JSON.stringify(html)}); return 1; }\n`});
	const t = makeScheduler('jobs:\n  - {id: report, trigger: manual, module: jobs/tells.ts}\n', {root});
	const notifier = attachWebhookNotifier(t, url);
	t.scheduler.start();
	const submitted = t.scheduler.submit('report');
	await t.scheduler.whenFinished(submitted.ok ? submitted.run.id : 0);
	await receiver.waitFor(1);
	await notifier.idle();

	const told = JSON.parse(receiver.received[0]!.body) as WebhookEvent;
	expect(told.text).toBe('📈 今日收益\n\n组合收益 +1.23%\n\n贵州茅台 600519.SH 上涨\nA&B 仓位 <5%\n\n📈 完');
});
