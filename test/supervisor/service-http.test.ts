/** The service routes of the HTTP API on a real host: the same protocol requests as the console and the CLI. */
import {describe, expect, it} from 'vitest';
import {api, asController, asReader} from '../http/api-fixtures.js';
import {startHostWithApi} from '../helpers/service-host-api.js';
import {makeTempRoot} from '../helpers/temp-root.js';
import {parsePrometheusText, sampleValue} from '../metrics/prometheus-text.js';
import {trackServiceHosts} from './service-host.js';

const startHost = trackServiceHosts();

describe('services over HTTP', () => {
	it('lists, shows, stops, starts and restarts a service; read tokens look, control tokens steer', async () => {
		const root = makeTempRoot({'collector.sh': '#!/bin/sh\necho "collector up"\nwhile :; do sleep 1; done\n'});
		const {t, base} = await startHostWithApi(startHost, root, `services:
  - {id: collector, command: ["sh", "${root.dir}/collector.sh"]}
`, '2026-11-20T10:00:00+08:00');
		const first = await t.state('collector', 'up');
		expect(await api(base, 'GET', '/v1/services', {headers: asReader})).toMatchObject({status: 200, body: {services: [{id: 'collector', state: 'up', pid: first.pid}]}});
		expect(await api(base, 'POST', '/v1/services/collector/stop', {headers: asReader})).toMatchObject({status: 403});
		expect(await api(base, 'POST', '/v1/services/collector/stop', {headers: asController})).toMatchObject({status: 200, body: {ok: true, service: {state: 'stopping'}}});
		await t.state('collector', 'stopped');
		expect(await api(base, 'POST', '/v1/services/collector/stop', {headers: asController})).toMatchObject({status: 409, body: {error: 'not-done', message: 'collector is not running (stopped)'}});
		expect(await api(base, 'POST', '/v1/services/collector/start', {headers: asController})).toMatchObject({status: 200, body: {ok: true}});
		const second = await t.state('collector', 'up');
		expect(await api(base, 'POST', '/v1/services/collector/restart', {headers: asController})).toMatchObject({status: 200, body: {ok: true, message: 'collector restarting (SIGTERM, then SIGKILL after 10 s)'}});
		const third = await t.state('collector', 'up');
		expect(new Set([first.pid, second.pid, third.pid]).size).toBe(3);
		// Up is the process started; its first line reaches the service's output a moment later.
		let detail = await api(base, 'GET', '/v1/services/collector?lines=10', {headers: asReader});
		for (let waited = 0; (detail.body as {output?: unknown[]}).output?.length !== 3 && waited < 15_000; waited += 50) {
			await new Promise(resolve => {
				setTimeout(resolve, 50);
			});
			detail = await api(base, 'GET', '/v1/services/collector?lines=10', {headers: asReader});
		}

		expect(detail).toMatchObject({status: 200, body: {service: {id: 'collector', restartsToday: 1}, output: ['collector up', 'collector up', 'collector up']}});
		expect(await api(base, 'GET', '/v1/services/nope', {headers: asReader})).toMatchObject({status: 404, body: {error: 'not-found', message: 'no service "nope"; known: collector'}});
		// A service given where a job goes is named as one, with the API's own routes for it.
		const asJob = await api(base, 'POST', '/v1/jobs/collector/pause', {headers: asController});
		expect(asJob).toMatchObject({status: 404, body: {error: 'not-found'}});
		expect((asJob.body as {message: string}).message).toMatch(/^"collector" is a service, not a job: .*POST \/v1\/services\/collector\/start\|stop\|restart/);

		// Prometheus sees its state, its restarts, and its two ended runs (the stop, the restart) as a job's.
		const metrics = parsePrometheusText(await (await fetch(`${base}/metrics`, {headers: asReader})).text());
		expect(sampleValue(metrics, 'sage_service_state', {service: 'collector', state: 'up'})).toBe(1);
		expect(sampleValue(metrics, 'sage_service_state', {service: 'collector', state: 'fatal'})).toBe(0);
		expect(sampleValue(metrics, 'sage_service_in_window', {service: 'collector'})).toBe(1);
		expect(sampleValue(metrics, 'sage_service_restarts_today', {service: 'collector'})).toBe(1);
		expect(sampleValue(metrics, 'sage_runs_total', {job: 'collector', status: 'success'})).toBe(2);
	});
});
