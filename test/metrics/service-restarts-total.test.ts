/**
 * `sage_service_restarts_total`: a service's restarts as a Prometheus counter that midnight does not
 * reset (`sage_service_restarts_today`, the gauge, does, and stays for the dashboards that read it), so
 * `increase(sage_service_restarts_total[1h])` holds across midnight. A real host with a real service
 * process, real HTTP; only the clock is in the test's hand, a minute before midnight.
 */
import {expect, it} from 'vitest';
import {api, asController, asReader} from '../http/api-fixtures.js';
import {startHostWithApi} from '../helpers/service-host-api.js';
import {makeTempRoot} from '../helpers/temp-root.js';
import {trackServiceHosts} from '../supervisor/service-host.js';
import {parsePrometheusText, sampleValue} from './prometheus-text.js';

const startHost = trackServiceHosts();

it('counts restarts on past midnight, where the today gauge starts again at 0', async () => {
	const root = makeTempRoot({'collector.sh': '#!/bin/sh\necho "collector up"\nwhile :; do sleep 1; done\n'});
	const {t, base} = await startHostWithApi(startHost, root, `services:
  - {id: collector, command: ["sh", "${root.dir}/collector.sh"]}
`, '2026-11-20T23:59:00+08:00');
	const restarts = async () => {
		const metrics = parsePrometheusText(await (await fetch(`${base}/metrics`, {headers: asReader})).text());
		return {today: sampleValue(metrics, 'sage_service_restarts_today', {service: 'collector'}), total: sampleValue(metrics, 'sage_service_restarts_total', {service: 'collector'})};
	};

	const restart = async () => {
		const before = (await t.state('collector', 'up')).pid;
		expect((await api(base, 'POST', '/v1/services/collector/restart', {headers: asController})).status).toBe(200);
		await expect.poll(() => t.view('collector').state === 'up' && t.view('collector').pid !== before, {timeout: 20_000}).toBe(true);
	};

	await t.state('collector', 'up');
	expect(await restarts()).toEqual({today: 0, total: 0});
	await restart();
	expect(await restarts()).toEqual({today: 1, total: 1});

	// Past midnight: a new day's gauge, the counter goes on.
	t.clock.advance(90_000);
	expect(await restarts()).toEqual({today: 0, total: 1});
	await restart();
	expect(await restarts()).toEqual({today: 1, total: 2});
}, 60_000);
