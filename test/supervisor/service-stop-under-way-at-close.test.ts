/**
 * A manual stop still under way (a service that ignores SIGTERM, waiting out its stop_timeout) when
 * the scheduler shuts down (SIGTERM, systemd's restart, quitting the console) keeps its hold: the next
 * scheduler leaves the service stopped, saying why. The shutdown turned the stop into one "out of its
 * window", whose end kept a `stopped` hold with no reason; the next scheduler dropped it as a leftover of
 * older versions and started the service the operator had stopped. The same stop under way when the
 * service is removed from jobs.yaml keeps nothing for it (it kept that reasonless hold for the removed
 * id). A real SchedulerHost with a fixed clock, a real process and its signals, real SQLite.
 */
import {describe, expect, it} from 'vitest';
import {readServiceHold} from '../../src/supervisor/service-holds.js';
import {makeTempRoot} from '../helpers/temp-root.js';
import {waitFor} from '../helpers/wait-for.js';
import {startServiceHost, trackServiceHosts} from './service-host.js';

const startHost = trackServiceHosts();
const stubborn = '#!/bin/sh\ntrap "" TERM\necho "gateway up"\nwhile :; do sleep 0.2; done\n';
const config = (dir: string) => `timezone: Asia/Shanghai
services:
  - id: gateway
    command: ["sh", "${dir}/gateway.sh"]
    stop_timeout: 2s
`;

describe('a manual stop under way when its scheduler closes', () => {
	it('still holds the service after the scheduler starts again', async () => {
		const root = makeTempRoot({'gateway.sh': stubborn});
		const first = await startServiceHost(config(root.dir), {at: '2026-11-20T10:00:00+08:00', root});
		try {
			await first.state('gateway', 'up');
			expect(await first.host.handler('stop-service', {serviceId: 'gateway'})).toMatchObject({ok: true});
			await first.state('gateway', 'stopping');
		} finally {
			// The shutdown waits for the stop under way: SIGKILL after stop_timeout.
			await first.close();
		}

		const second = await startHost(config(root.dir), {at: '2026-11-20T10:05:00+08:00', root});
		const after = await waitFor(() => {
			const view = second.view('gateway');
			return view.state === 'outside-window' ? undefined : view;
		}, 20_000, 'the next scheduler to start or hold gateway');
		expect([after.state, after.note]).toEqual(['stopped', 'manual stop: held until a manual start']);
	}, 60_000);

	it('keeps nothing for a service removed from jobs.yaml meanwhile', async () => {
		const root = makeTempRoot({'gateway.sh': stubborn});
		const t = await startHost(config(root.dir), {at: '2026-11-20T10:00:00+08:00', root});
		await t.state('gateway', 'up');
		expect(await t.host.handler('stop-service', {serviceId: 'gateway'})).toMatchObject({ok: true});
		await t.state('gateway', 'stopping');

		root.write('config/jobs.yaml', 'timezone: Asia/Shanghai\nservices:\n  - {id: other, command: ["sh", "-c", "while :; do sleep 1; done"]}\n');
		expect(await t.host.handler('reload', {})).toMatchObject({ok: true});
		await waitFor(() => t.host.store.query({jobId: 'gateway', trigger: 'service', limit: 1})[0]?.status === 'success', 20_000, 'the removed service\'s run to end');
		await t.host.scheduler.historyWritten();
		expect(readServiceHold(t.host.store, 'gateway')).toBeUndefined();
	}, 60_000);
});
