/**
 * A service that exits with code 0 inside its window, with `restart: on-failure` (the default), is not
 * restarted: it stays down until a manual start or its next window. Only the stop at the window's end
 * is planned (the product contract), so this exit is an incident: the phone hears it once, and hears
 * the recovery once it is up again. A real scheduling host on a fixed clock, a real process, a real
 * local receiver for the signed webhook alerts.
 */
import {beforeEach, describe, expect, it} from 'vitest';
import {makeTempRoot} from '../helpers/temp-root.js';
import {waitFor} from '../helpers/wait-for.js';
import {trackLocalReceivers, type LocalReceiver} from '../http/local-receiver.js';
import {trackServiceHosts} from '../supervisor/service-host.js';

const startHost = trackServiceHosts();
const startReceiver = trackLocalReceivers();
let receiver: LocalReceiver;
let url: string;

beforeEach(async () => {
	({receiver, url} = await startReceiver());
});

// The first time it returns early (a strategy with nothing left to do, by a bug); started again, it stays up.
const strategy = `#!/bin/sh
if [ ! -f started-once ]; then
  : > started-once
  echo "strategy: no orders to place, exiting"
  exit 0
fi
echo "strategy running"
while :; do sleep 1; done
`;

type Alert = {event: string; service: {id: string}; reason: string};

describe('a clean exit inside the window', () => {
	it('is alerted once when it leaves the service down, and its recovery once it is up again', async () => {
		const root = makeTempRoot({'strategy.sh': strategy});
		root.write('config/notify_config.json', JSON.stringify({channels: {webhook: {url: `${url}/hooks/sage`}}, delivery: {attempts: 2, backoff_ms: 50, timeout_ms: 3000}}));
		const t = await startHost(`services:
  - id: strategy
    name: 策略进程
    command: ["sh", "${root.dir}/strategy.sh"]
    cwd: ${root.dir}
    window: trading-session
`, {at: '2026-11-20T10:40:00+08:00', root});
		const stopped = await t.state('strategy', 'stopped');
		expect(stopped.lastExit).toMatchObject({status: 'success', exitCode: 0});
		await waitFor(() => receiver.received[0], 10_000, 'the alert of its clean exit');
		const first = JSON.parse(receiver.received[0]!.body) as Alert;
		expect(first).toMatchObject({event: 'service-exited', service: {id: 'strategy'}});
		expect(first.reason).toContain('strategy exited with code 0');
		expect(first.reason).toContain('not restarted (restart: on-failure)');

		expect(await t.host.handler('start-service', {serviceId: 'strategy'})).toMatchObject({ok: true});
		await t.state('strategy', 'up');
		t.clock.advance(30_000);
		await waitFor(() => receiver.received[1], 10_000, 'the alert of its recovery');
		const events = receiver.received.map(request => (JSON.parse(request.body) as Alert).event);
		expect(events).toEqual(['service-exited', 'service-recovered']);
	});
});
