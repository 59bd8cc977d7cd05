/**
 * `sage_runs_running` has a series for each service as for each job: 1 while a start of it runs, 0
 * when stopped, never absent (a service's runs are counted in `sage_runs_total` under its id too), so
 * a rule or a graph on it does not see the series vanish when the operator stops the service. A real
 * host with a real service process, real HTTP; only the clock is in the test's hand.
 */
import {expect, it} from 'vitest';
import {api, asController, asReader} from '../http/api-fixtures.js';
import {startHostWithApi} from '../helpers/service-host-api.js';
import {makeTempRoot} from '../helpers/temp-root.js';
import {trackServiceHosts} from '../supervisor/service-host.js';
import {parsePrometheusText, sampleValue} from './prometheus-text.js';

const startHost = trackServiceHosts();

it('a service is 1 while up and 0 once stopped, as a job is 0 with no run', async () => {
	const root = makeTempRoot({'collector.sh': '#!/bin/sh\necho "collector up"\nwhile :; do sleep 1; done\n'});
	const {t, base} = await startHostWithApi(startHost, root, `jobs:
  - {id: nightly, cron: "0 3 * * *", command: ["true"]}
services:
  - {id: collector, command: ["sh", "${root.dir}/collector.sh"]}
`, '2026-11-20T10:00:00+08:00');
	const running = async () => {
		const metrics = parsePrometheusText(await (await fetch(`${base}/metrics`, {headers: asReader})).text());
		return {collector: sampleValue(metrics, 'sage_runs_running', {job: 'collector'}), nightly: sampleValue(metrics, 'sage_runs_running', {job: 'nightly'})};
	};

	await t.state('collector', 'up');
	expect(await running()).toEqual({collector: 1, nightly: 0});
	expect((await api(base, 'POST', '/v1/services/collector/stop', {headers: asController})).status).toBe(200);
	await t.state('collector', 'stopped');
	expect(await running()).toEqual({collector: 0, nightly: 0});
	expect((await api(base, 'POST', '/v1/services/collector/start', {headers: asController})).status).toBe(200);
	await t.state('collector', 'up');
	expect(await running()).toEqual({collector: 1, nightly: 0});
}, 60_000);
