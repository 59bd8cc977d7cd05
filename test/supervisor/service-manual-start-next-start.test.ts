/**
 * A service started by hand outside its window runs now: no next start is planned for it (the
 * window's opening starts nothing while it runs). Its snapshot (status --json, the API) carried the
 * window's opening as nextStartAt, and the console's row of it while still starting read 'opens in
 * 21h00m · until 11-21 11:00'. A real SchedulerHost with a fixed clock and a real process.
 */
import {describe, expect, it} from 'vitest';
import {serviceColumns, serviceRow} from '../../src/ui/panels/services-panel.js';
import {makeTempRoot} from '../helpers/temp-root.js';
import {trackServiceHosts} from './service-host.js';

const startHost = trackServiceHosts();

describe('a service started by hand outside its window', () => {
	it('has no next start while it starts and runs; stopped, its window\'s opening is its next start again', async () => {
		const root = makeTempRoot({'feed.sh': '#!/bin/sh\necho "feed up"\nwhile :; do sleep 0.2; done\n'});
		// Given 2026-11-20 14:00 in Shanghai, a service of the 10:00–11:00 window, ready only after a minute:
		const t = await startHost(`timezone: Asia/Shanghai
services:
  - id: feed
    command: ["sh", "${root.dir}/feed.sh"]
    window: "10:00-11:00"
    ready_after: 60s
`, {at: '2026-11-20T14:00:00+08:00', root});
		const opens = Date.parse('2026-11-21T10:00:00+08:00');
		expect(t.view('feed')).toMatchObject({state: 'outside-window', nextStartAt: opens});

		// When the operator starts it, it is starting (not ready yet), then up:
		expect(await t.host.handler('start-service', {serviceId: 'feed'})).toMatchObject({ok: true});
		const starting = await t.state('feed', 'starting');
		expect(starting.nextStartAt).toBeUndefined();
		const now = t.clock.now();
		const row = serviceRow(starting, false, serviceColumns([starting], now, 'Asia/Shanghai'), now, 120, 'Asia/Shanghai');
		expect(row).toMatch(/◐ feed\s+starting\s+until 11-21 11:00\s+pid \d+/);
		expect(row).not.toContain('opens');
		t.clock.advance(61_000);
		expect((await t.state('feed', 'up')).nextStartAt).toBeUndefined();

		// Then stopped by hand, the window's opening is its next start again.
		expect(await t.host.handler('stop-service', {serviceId: 'feed'})).toMatchObject({ok: true});
		expect((await t.state('feed', 'stopped')).nextStartAt).toBe(opens);
	}, 60_000);
});
