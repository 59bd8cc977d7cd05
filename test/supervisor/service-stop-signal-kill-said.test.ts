/**
 * A service whose stop_signal is SIGKILL is said to be stopped (and restarted) with SIGKILL alone:
 * 'feed stopping (SIGKILL)', not 'feed stopping (SIGKILL, then SIGKILL after 10 s)', a second SIGKILL
 * after a timeout that has nothing to wait for. A real SchedulerHost with a fixed clock, a real process.
 */
import {describe, expect, it} from 'vitest';
import {makeTempRoot} from '../helpers/temp-root.js';
import {trackServiceHosts} from './service-host.js';

const startHost = trackServiceHosts();

describe('a service stopped with SIGKILL', () => {
	it('says SIGKILL alone when stopped or restarted', async () => {
		const root = makeTempRoot({'feed.sh': '#!/bin/sh\necho "feed up"\nwhile :; do sleep 0.2; done\n'});
		const t = await startHost(`services:
  - id: feed
    command: ["sh", "${root.dir}/feed.sh"]
    stop_signal: KILL
`, {at: '2026-11-20T10:00:00+08:00', root});
		await t.state('feed', 'up');
		expect(await t.host.handler('restart-service', {serviceId: 'feed'})).toMatchObject({ok: true, message: 'feed restarting (SIGKILL)'});
		await t.state('feed', 'up');
		expect(await t.host.handler('stop-service', {serviceId: 'feed'})).toMatchObject({ok: true, message: 'feed stopping (SIGKILL)'});
		await t.state('feed', 'stopped');
	}, 60_000);
});
