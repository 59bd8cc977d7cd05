/**
 * A service taken out of jobs.yaml while no scheduler ran: what the database kept for it (a hold) is
 * forgotten at the next start, with a log line, as a reload forgets it for a service it removes. It
 * lay in the settings for good, and the service, put back in the file, came back held by a stop made
 * before it was removed. A real host on a fixed clock, real processes, the real SQLite file.
 */
import {describe, expect, it} from 'vitest';
import {readSettings} from '../helpers/history-file.js';
import {trackServiceProcesses} from '../helpers/service-processes.js';
import {makeTempRoot} from '../helpers/temp-root.js';
import {startServiceHost, trackServiceHosts} from './service-host.js';

const startHost = trackServiceHosts();
const serviceProcesses = trackServiceProcesses();

const serviceSettings = (root: string) => Object.keys(readSettings(root, 'service-'));

describe('a service removed while no scheduler ran', () => {
	it('has its hold forgotten at the next start, said in the log; put back, it runs in its window', async () => {
		const root = makeTempRoot({'loop.sh': '#!/bin/sh\nwhile :; do sleep 1; done\n'});
		serviceProcesses.watch(root.dir);
		const both = `timezone: Asia/Shanghai
services:
  - {id: feed, command: ["sh", "${root.dir}/loop.sh"]}
  - {id: gateway, command: ["sh", "${root.dir}/loop.sh"]}
`;
		const feedOnly = both.replace(/ {2}- \{id: gateway.*\n/, '');
		const t = await startHost(both, {at: '2026-11-20T10:00:00+08:00', root});
		await t.state('gateway', 'up');
		expect(await t.host.handler('stop-service', {serviceId: 'gateway'})).toMatchObject({ok: true});
		await t.state('gateway', 'stopped');
		await t.close();
		expect(serviceSettings(root.dir)).toEqual(['service-hold:gateway']);

		const without = await startServiceHost(feedOnly, {at: '2026-11-20T10:10:00+08:00', root});
		try {
			await without.state('feed', 'up');
			const logged = without.host.scheduler.tail.newest(100, 0, () => true).map(line => line.msg);
			expect(logged).toContain('service gateway is no longer in jobs.yaml: what was kept for it (a hold, an open incident, a manual start) is forgotten');
			expect(serviceSettings(root.dir)).toEqual([]);
		} finally {
			await without.close();
		}

		const back = await startServiceHost(both, {at: '2026-11-20T10:20:00+08:00', root});
		try {
			await back.state('gateway', 'up');
			expect(back.host.scheduler.tail.newest(100, 0, () => true).map(line => line.msg).filter(msg => msg.includes('no longer in jobs.yaml'))).toEqual([]);
		} finally {
			await back.close();
		}
	});
});
