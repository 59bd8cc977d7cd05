/** ctx.notify on a box with no notification channel: said in the log where the operator looks, not dropped in silence. */
import {describe, expect, it} from 'vitest';
import {waitFor} from '../helpers/wait-for.js';
import {trackServiceHosts} from '../supervisor/service-host.js';

const startHost = trackServiceHosts();

describe('a job that notifies with no channel configured', () => {
	it('gets its run done, and the scheduler says the message was not sent and why', async () => {
		const t = await startHost('jobs:\n  - {id: digest, trigger: manual, module: jobs/digest.ts}\n', {
			at: '2026-11-20T10:00:00+08:00',
			files: {'jobs/digest.ts': 'export default async function run(ctx: any) { await ctx.notify("收盘摘要", "3 gainers"); return {sent: true}; }\n'},
		});
		const runId = t.host.scheduler.submit('digest').run!.id;
		expect((await t.host.scheduler.whenFinished(runId))?.status).toBe('success');
		const line = await waitFor(() => t.host.scheduler.tail.newest(50, 0, () => true).find(entry => entry.msg.includes('asked to notify')), 15_000, 'the warning');
		expect(line).toMatchObject({level: 'warn', runId, msg: 'digest asked to notify "收盘摘要", but no notification channel is configured (config/notify_config.json): not sent'});
	});
});
