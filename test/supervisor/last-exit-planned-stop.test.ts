/**
 * A service's last exit, where the scheduler stopped it as planned, says what for — `15:05:00 stopped
 * (window-end)` in the services row, its view and `status` — also read back from history after a
 * restart. It said `15:05:00 SIGTERM`, the signal the stop sent, which an operator reads as a crash.
 * A real host on a fixed clock, a real process stopped at its window's end, real SQLite.
 */
import {expect, it} from 'vitest';
import {lastExitText} from '../../src/ui/last-exit-text.js';
import {makeTempRoot} from '../helpers/temp-root.js';
import {startServiceHost, trackServiceHosts} from './service-host.js';

const startHost = trackServiceHosts();

it('is stopped (window-end) after the planned stop at the window\'s end, before and after a restart', async () => {
	const root = makeTempRoot({'collector.sh': '#!/bin/sh\necho "collector up"\nwhile :; do sleep 1; done\n'});
	const yaml = `services:
  - id: quotes
    command: ["sh", "${root.dir}/collector.sh"]
    window: trading-session
    lead: 5m
    lag: 5m
`;
	// Friday 2026-11-20, a trading day, a minute before the window closes at 15:05.
	const t = await startHost(yaml, {at: '2026-11-20T15:04:00+08:00', root});
	await t.state('quotes', 'up');
	t.clock.advance(60_000);
	const after = await t.state('quotes', 'outside-window');
	expect(lastExitText(after, t.clock.now(), 'Asia/Shanghai')).toBe('15:05:00 stopped (window-end)');
	await t.close();

	const again = await startServiceHost(yaml, {at: '2026-11-20T15:10:00+08:00', root});
	try {
		expect(lastExitText(again.view('quotes'), again.clock.now(), 'Asia/Shanghai')).toBe('15:05:00 stopped (window-end)');
	} finally {
		await again.close();
	}
});
