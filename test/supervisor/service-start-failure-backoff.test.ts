/**
 * A service whose command cannot start (a path mistyped in jobs.yaml, a virtualenv gone) backs off as a
 * crash loop does: each failed start is a quick exit, so the delay doubles and the log counts them. It
 * said 'restarts in 2.0 s (0th exit in a row)' and tried again every restart_delay, never longer.
 */
import {describe, expect, it} from 'vitest';
import {trackServiceHosts} from './service-host.js';

const startHost = trackServiceHosts();

describe('a service that cannot start', () => {
	it('backs off with a doubling delay, counting its failed starts', async () => {
		const t = await startHost(`services:
  - id: feed
    command: ["/nonexistent/bin/feed", "--level1"]
    restart_delay: 2s
    start_limit: 3
`, {at: '2026-11-20T10:00:00+08:00'});
		const first = await t.state('feed', 'backoff');
		expect(first.nextStartAt).toBe(t.clock.now() + 2000);
		t.clock.advance(2000);
		const second = await t.state('feed', 'backoff');
		expect(second.nextStartAt).toBe(t.clock.now() + 4000);
		const lines = t.host.scheduler.tail.newest(100, 0, () => true).map(line => line.msg).filter(msg => msg.startsWith('feed restarts in'));
		expect(lines).toEqual(['feed restarts in 2.0 s (1st exit in a row)', 'feed restarts in 4.0 s (2nd exit in a row)']);
	});
});
