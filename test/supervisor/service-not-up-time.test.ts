/**
 * The not-up alert says when the window opened as every other alert gives its times: in the
 * scheduler's zone, to the second (09:15:00 on a Shanghai phone), not as UTC ISO with milliseconds
 * (2026-11-20T01:15:00.000Z read there as 01:15, the middle of the night). A real scheduling host on a
 * fixed clock, a real process, a real local receiver for the webhook's alerts.
 */
import {describe, expect, it} from 'vitest';
import {makeTempRoot} from '../helpers/temp-root.js';
import {waitFor} from '../helpers/wait-for.js';
import {trackLocalReceivers} from '../http/local-receiver.js';
import {trackServiceHosts} from './service-host.js';

const startHost = trackServiceHosts();
const startReceiver = trackLocalReceivers();

describe('the not-up alert', () => {
	it('gives the window\'s opening in the scheduler\'s zone', async () => {
		const {receiver, url} = await startReceiver();
		const root = makeTempRoot();
		root.write('config/notify_config.json', JSON.stringify({channels: {webhook: {url: `${url}/hooks/sage`}}, delivery: {attempts: 2, backoff_ms: 50, timeout_ms: 3000}}));
		const t = await startHost(`timezone: Asia/Shanghai
services:
  - id: collector
    command: ["sh", "-c", "echo connecting; while :; do sleep 1; done"]
    window: trading-session
    ready_pattern: "subscribed \\\\d+ symbols"
    ready_timeout: 10m
    up_grace: 5s
`, {at: '2026-11-20T09:15:00+08:00', root});
		await t.state('collector', 'starting');
		t.clock.advance(5000);
		await waitFor(() => receiver.received[0], 10_000, 'the not-up alert');
		const alert = JSON.parse(receiver.received[0]!.body) as {event: string; reason: string};
		expect(alert.event).toBe('service-not-up');
		expect(alert.reason).toBe('collector is not up 5 s after its window opened (09:15:00); it is starting');
	});
});
