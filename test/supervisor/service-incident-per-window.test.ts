/**
 * A service's incident belongs to the window it happened in. The feed crashed inside yesterday's
 * window (alerted) and the window closed before it was up again for min_uptime; today it crashes again
 * inside today's window: that is today's news and reaches the phone, not a repeat of yesterday's
 * incident that is swallowed. A real scheduling host on a fixed clock, real processes, a real local
 * receiver for the webhook's alerts.
 */
import {beforeEach, describe, expect, it} from 'vitest';
import {makeTempRoot} from '../helpers/temp-root.js';
import {waitFor} from '../helpers/wait-for.js';
import {trackLocalReceivers, type LocalReceiver} from '../http/local-receiver.js';
import {trackServiceHosts} from './service-host.js';

const startHost = trackServiceHosts();
const startReceiver = trackLocalReceivers();
let receiver: LocalReceiver;
let url: string;

beforeEach(async () => {
	({receiver, url} = await startReceiver());
});

type Alert = {event: string; service: {id: string}; runId: number};

describe('an incident per window', () => {
	it('a crash in today\'s window is alerted though yesterday\'s window closed on an open incident', async () => {
		const root = makeTempRoot();
		root.write('config/notify_config.json', JSON.stringify({channels: {webhook: {url: `${url}/hooks/sage`}}, delivery: {attempts: 2, backoff_ms: 50, timeout_ms: 3000}}));
		const t = await startHost(`timezone: Asia/Shanghai
services:
  - id: feed
    command: ["sh", "-c", "echo 'feed: connection refused' >&2; exit 1"]
    window: "10:00-10:05"
    restart: never
`, {at: '2026-11-19T10:00:00+08:00', root});
		await waitFor(() => receiver.received[0], 10_000, 'the alert of yesterday\'s crash');

		// Past yesterday's window's end (a planned stop of nothing: it is down) and into today's.
		t.clock.advance(24 * 3_600_000);
		const today = await waitFor(() => {
			const [newest, ...older] = t.host.store.query({jobId: 'feed', trigger: 'service', limit: 10});
			return older.length === 1 && newest?.status === 'failed' ? newest : undefined;
		}, 10_000, 'today\'s crash in history');
		await waitFor(() => receiver.received[1], 10_000, 'the alert of today\'s crash');
		const alerts = receiver.received.map(request => JSON.parse(request.body) as Alert);
		expect(alerts.map(alert => alert.event)).toEqual(['service-exited', 'service-exited']);
		expect(alerts[1]!.runId).toBe(today.id);
	});

	it('yesterday\'s incident is still told recovered once the service stays up in today\'s window', async () => {
		const root = makeTempRoot({'feed.sh': '#!/bin/sh\nif [ ! -f crashed-once ]; then : > crashed-once; echo "feed: connection refused" >&2; exit 1; fi\nwhile :; do sleep 1; done\n'});
		root.write('config/notify_config.json', JSON.stringify({channels: {webhook: {url: `${url}/hooks/sage`}}, delivery: {attempts: 2, backoff_ms: 50, timeout_ms: 3000}}));
		const t = await startHost(`timezone: Asia/Shanghai
services:
  - id: feed
    command: ["sh", "${root.dir}/feed.sh"]
    cwd: ${root.dir}
    window: "10:00-10:05"
    restart: never
`, {at: '2026-11-19T10:00:00+08:00', root});
		await waitFor(() => receiver.received[0], 10_000, 'the alert of yesterday\'s crash');
		t.clock.advance(24 * 3_600_000);
		await t.state('feed', 'up');
		t.clock.advance(30_000);
		await waitFor(() => receiver.received[1], 10_000, 'the recovery');
		expect(receiver.received.map(request => (JSON.parse(request.body) as Alert).event)).toEqual(['service-exited', 'service-recovered']);
	});
});
