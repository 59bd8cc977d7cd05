/**
 * What the API's connection relies on in the protocol: a subscription names its events (the opt-in
 * ones reach only a client that names them), subscribing again replaces the choice, an unknown name is
 * refused, and `market` tells the exchange at an instant. Real scheduler, real MessagePort.
 */
import {MessageChannel} from 'node:worker_threads';
import {describe, expect, it} from 'vitest';
import {EventRelay} from '../../src/host/event-relay.js';
import {portTransport} from '../../src/host/port-transport.js';
import {createRequestHandler} from '../../src/host/request-handler.js';
import {SchedulerClient} from '../../src/protocol/client.js';
import type {EventName} from '../../src/protocol/messages.js';
import {serveSession} from '../../src/protocol/server-session.js';
import {ProtocolError} from '../../src/protocol/wire.js';
import {trackTestSchedulers, type TestScheduler} from '../helpers/test-scheduler.js';

const makeScheduler = trackTestSchedulers();

async function connect(t: TestScheduler): Promise<{client: SchedulerClient; seen: EventName[]}> {
	const info = {protocol: 1, pid: process.pid, startedAt: Date.now(), version: 'test', root: t.root.dir};
	const relay = new EventRelay(t.scheduler);
	const handler = createRequestHandler({scheduler: t.scheduler, relay, store: t.store, reload: async () => ({ok: true, problems: [], added: [], removed: [], changed: []}), notificationsFor: () => [], info});
	const channel = new MessageChannel();
	serveSession(portTransport(channel.port2), handler, relay, info);
	const {client} = await SchedulerClient.connect(portTransport(channel.port1), 'test');
	const seen: EventName[] = [];
	for (const name of ['run-queued', 'run-finished', 'fired', 'scheduler-state', 'log-lines'] as const) {
		client.on(name, () => seen.push(name));
	}

	return {client, seen};
}

/** A round trip: every event published before it has arrived. */
const settle = async (client: SchedulerClient) => client.request('snapshot', {});

describe('subscriptions by event name', () => {
	it('opt-in events only when named; subscribing again replaces the choice; unknown names refused', async () => {
		const t = makeScheduler('jobs:\n  - {id: tick, cron: "* * * * * *", command: ["true"], concurrency: allow}\n');
		const ui = await connect(t);
		const api = await connect(t);
		await ui.client.request('subscribe', {tailLines: 0});
		await api.client.request('subscribe', {tailLines: 0, events: ['fired', 'scheduler-state']});
		t.scheduler.start();
		t.clock.advance(1000);
		t.scheduler.setSchedulerPaused(true);
		await settle(ui.client);
		await settle(api.client);
		expect(ui.seen).toContain('run-queued');
		expect(ui.seen).not.toContain('fired');
		expect(new Set(api.seen)).toEqual(new Set(['fired', 'scheduler-state']));

		api.seen.length = 0;
		await api.client.request('subscribe', {tailLines: 0, events: ['run-queued']});
		t.scheduler.setSchedulerPaused(false);
		t.clock.advance(1000);
		await settle(api.client);
		expect(new Set(api.seen)).toEqual(new Set(['run-queued']));

		await expect(api.client.request('subscribe', {events: ['no-such-event' as EventName]})).rejects.toThrow(ProtocolError);
		ui.client.close();
		api.client.close();
	});

	it('market: the exchange\'s day, trading or not, and its phase at an instant', async () => {
		const t = makeScheduler('jobs: []\n');
		const {client} = await connect(t);
		expect(await client.request('market', {at: Date.parse('2026-11-20T10:00:00+08:00')})).toMatchObject({day: '2026-11-20', tradingDay: true, phase: 'trading'});
		expect(await client.request('market', {at: Date.parse('2026-11-21T10:00:00+08:00')})).toMatchObject({day: '2026-11-21', tradingDay: false, phase: 'weekend'});
		expect(await client.request('market', {at: Date.parse('2026-10-01T10:00:00+08:00')})).toMatchObject({tradingDay: false, phase: 'holiday'});
		client.close();
	});
});
