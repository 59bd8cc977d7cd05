/**
 * Restarts, end to end: real processes killed with real signals, a real scheduling host on a fixed
 * clock (the restart delays are on its clock, so the test moves time by exactly them), and a real local
 * HTTP receiver for the signed webhook alerts.
 */
import {beforeEach, describe, expect, it} from 'vitest';
import {verifyWebhookSignature} from '../../src/notify/channels/webhook.js';
import {makeTempRoot} from '../helpers/temp-root.js';
import {trackLocalReceivers, type LocalReceiver} from '../http/local-receiver.js';
import {processesWith, trackServiceHosts} from '../supervisor/service-host.js';

const startHost = trackServiceHosts();
const secret = 'service-hook-5e3c1a';
const startReceiver = trackLocalReceivers();
let receiver: LocalReceiver;
let url: string;

beforeEach(async () => {
	({receiver, url} = await startReceiver());
});

describe('restarts', () => {
	it('a killed service restarts with growing delays (1 s, 2 s, 4 s), each start a run, restarts counted today', async () => {
		const root = makeTempRoot({'gateway.sh': '#!/bin/sh\necho "gateway connected"\nwhile :; do sleep 1; done\n'});
		const script = `${root.dir}/gateway.sh`;
		const t = await startHost(`services:
  - id: gateway
    command: ["sh", "${script}"]
    restart_delay: 1s
    restart_delay_max: 30s
    notify: false
`, {at: '2026-11-20T10:00:00+08:00', root});
		let up = await t.state('gateway', 'up');
		const delays: number[] = [];
		for (let kill = 1; kill <= 3; kill++) {
			process.kill(up.pid!, 'SIGKILL');
			const backoff = await t.state('gateway', 'backoff');
			expect(processesWith(script)).toEqual([]);
			delays.push(backoff.nextStartAt! - t.clock.now());
			expect(backoff.lastExit).toMatchObject({status: 'failed', signal: 'SIGKILL'});
			// Not a moment before its delay is over.
			t.clock.advance(delays.at(-1)! - 1);
			expect(t.view('gateway').state).toBe('backoff');
			t.clock.advance(1);
			const next = await t.state('gateway', 'up');
			expect(next.pid).not.toBe(up.pid);
			expect(processesWith(script)).toEqual([next.pid]);
			up = next;
		}

		expect(delays).toEqual([1000, 2000, 4000]);
		expect(up.restartsToday).toBe(3);
		const runs = await t.runs('gateway');
		expect(runs.map(run => [run.status, run.attempt])).toEqual([['failed', 1], ['failed', 2], ['failed', 3], ['running', 4]]);
		expect(runs[0]).toMatchObject({error: {type: 'Killed', message: expect.stringContaining('was killed by SIGKILL') as string}});
	});

	it('a crash loop goes fatal after start_limit starts, stays down (a scheduler restart too), and alerts a real receiver once (and its first exit once)', async () => {
		const root = makeTempRoot({});
		root.write('config/notify_config.json', JSON.stringify({channels: {webhook: {url: `${url}/hooks/sage`, secret}}, delivery: {attempts: 2, backoff_ms: 50, timeout_ms: 3000}}));
		const yaml = `services:
  - id: broker
    name: 券商网关
    command: ["sh", "-c", "echo 'broker gateway: connection refused (10.0.0.7:7709)' >&2; exit 3"]
    restart_delay: 1s
    start_limit: 4
    start_limit_interval: 10m
`;
		const t = await startHost(yaml, {at: '2026-11-20T10:00:00+08:00', root});
		for (let start = 1; start < 4; start++) {
			const backoff = await t.state('broker', 'backoff');
			t.clock.advance(backoff.nextStartAt! - t.clock.now());
		}

		const fatal = await t.state('broker', 'fatal');
		expect(fatal.note).toContain('4 starts within 10 min');
		expect(fatal.lastExit).toMatchObject({status: 'failed', exitCode: 3, message: expect.stringContaining('broker gateway: connection refused') as string});
		// Held: time passes, nothing starts again.
		t.clock.advance(3_600_000);
		expect(t.view('broker').state).toBe('fatal');
		const runs = await t.runs('broker');
		expect(runs).toHaveLength(4);
		expect(runs.every(run => run.status === 'failed' && run.error?.type === 'ExitCode' && run.error.stack?.includes('connection refused'))).toBe(true);

		await receiver.waitFor(2);
		const events = receiver.received.map(request => {
			expect(verifyWebhookSignature(request.headers['x-sage-signature'] as string, request.body, secret)).toBe(true);
			return JSON.parse(request.body) as {event: string; service: {id: string; name: string}; reason: string; text: string};
		});
		expect(events.map(event => event.event)).toEqual(['service-exited', 'service-fatal']);
		expect(events[1]).toMatchObject({service: {id: 'broker', name: '券商网关'}, reason: expect.stringContaining('exited 4 times within 10 min') as string});
		expect(events[1]!.text).toContain('broker gateway: connection refused');
		await t.close();
		expect(receiver.received).toHaveLength(2);

		// A restart of the scheduler keeps it fatal: no new crash loop, no new alerts.
		const again = await startHost(yaml, {at: '2026-11-20T11:30:00+08:00', root});
		expect(again.view('broker')).toMatchObject({state: 'fatal', note: fatal.note, since: fatal.since});
		again.clock.advance(60_000);
		expect(again.view('broker').state).toBe('fatal');
		expect(await again.runs('broker')).toHaveLength(4);
		// Started by hand, it is no longer held. Its crash is a repeat of the incident the restart kept open
		// (never recovered), as it is without a restart: not told again (the close delivers what was sent).
		expect(await again.host.handler('start-service', {serviceId: 'broker'})).toMatchObject({ok: true});
		await again.state('broker', 'backoff');
		await again.close();
		const third = await startHost(yaml, {at: '2026-11-20T11:40:00+08:00', root});
		expect(third.view('broker').state).not.toBe('fatal');
		expect(receiver.received.map(request => (JSON.parse(request.body) as {event: string}).event)).toEqual(['service-exited', 'service-fatal']);
	});

	it('stopped by hand while waiting to restart, it stays stopped across a restart of the scheduler', async () => {
		const root = makeTempRoot({});
		const yaml = `services:
  - id: broker
    command: ["sh", "-c", "exit 3"]
    restart_delay: 30s
    notify: false
`;
		const t = await startHost(yaml, {at: '2026-11-20T10:00:00+08:00', root});
		await t.state('broker', 'backoff');
		expect(await t.host.handler('stop-service', {serviceId: 'broker'})).toMatchObject({ok: true, message: 'broker stopped (it was backoff)'});
		const stopped = await t.state('broker', 'stopped');
		await t.close();
		const again = await startHost(yaml, {at: '2026-11-20T10:05:00+08:00', root});
		expect(again.view('broker')).toMatchObject({state: 'stopped', note: stopped.note});
		again.clock.advance(120_000);
		expect(again.view('broker').state).toBe('stopped');
		expect(await again.runs('broker')).toHaveLength(1);
	});

	it('not up by its window start plus up_grace alerts once; up and stable for min_uptime, it alerts its recovery', async () => {
		const root = makeTempRoot({'feed.sh': '#!/bin/sh\nwhile [ ! -e go ]; do sleep 0.05; done\necho "feed ready"\nexec sleep 100000\n'});
		root.write('config/notify_config.json', JSON.stringify({channels: {webhook: {url: `${url}/hooks/sage`, secret}}, delivery: {attempts: 2, backoff_ms: 50, timeout_ms: 3000}}));
		const t = await startHost(`services:
  - id: feed
    command: ["sh", "${root.dir}/feed.sh"]
    cwd: ${root.dir}
    window: trading-session
    ready_pattern: "feed ready"
    ready_timeout: 30m
    up_grace: 2m
    min_uptime: 1m
`, {at: '2026-11-20T09:14:00+08:00', root});
		t.clock.advance(60_000);
		await t.state('feed', 'starting');
		t.clock.advance(120_000);
		await receiver.waitFor(1);
		expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({event: 'service-not-up', service: {id: 'feed'}, reason: expect.stringContaining('feed is not up 120 s after its window opened') as string});

		root.write('go', '');
		await t.state('feed', 'up');
		t.clock.advance(60_000);
		await receiver.waitFor(2);
		expect(JSON.parse(receiver.received[1]!.body)).toMatchObject({event: 'service-recovered', service: {id: 'feed'}});
		expect(receiver.received).toHaveLength(2);
	});

	it('not ready within ready_timeout: stopped as a failed run, said once in the log', async () => {
		const root = makeTempRoot({});
		const t = await startHost(`services:
  - id: mute
    command: ["sleep", "100000"]
    ready_pattern: "never printed"
    ready_timeout: 5s
    restart_delay: 1h
    notify: false
`, {at: '2026-11-20T10:00:00+08:00', root});
		await t.state('mute', 'starting');
		t.clock.advance(5000);
		await t.state('mute', 'backoff');
		const [run] = await t.runs('mute');
		expect(run).toMatchObject({status: 'failed', error: {type: 'NotReady', message: 'mute did not become ready (no line matching ready_pattern) in time and was stopped'}});
		const logged = t.host.scheduler.tail.newest(50, 0, () => true).map(line => line.msg);
		expect(logged).toContain(`■ mute did not become ready (no line matching ready_pattern) in time and was stopped (run ${run!.id})`);
	});
});
