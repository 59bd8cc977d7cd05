/**
 * `sage_service_in_window` is 0 for a disabled service: the documented SageServiceDown rule
 * (`sage_service_in_window == 1 and … state="up" == 0`) must not fire for a service the operator
 * disabled on purpose. A real host, real HTTP, a real `always` service beside it that is up.
 */
import {expect, it} from 'vitest';
import {asReader} from '../http/api-fixtures.js';
import {startHostWithApi} from '../helpers/service-host-api.js';
import {makeTempRoot} from '../helpers/temp-root.js';
import {trackServiceHosts} from '../supervisor/service-host.js';
import {parsePrometheusText, sampleValue} from './prometheus-text.js';

const startHost = trackServiceHosts();

it('reads 0 for a disabled always service, 1 for an enabled one', async () => {
	const root = makeTempRoot({'loop.sh': '#!/bin/sh\nwhile :; do sleep 1; done\n'});
	const {t} = await startHostWithApi(startHost, root, `services:
  - {id: collector, command: ["sh", "${root.dir}/loop.sh"]}
  - {id: parked, command: ["sh", "${root.dir}/loop.sh"], enabled: false}
`, '2026-11-20T10:00:00+08:00');
	await t.state('collector', 'up');
	expect(t.view('parked')).toMatchObject({state: 'stopped', enabled: false});

	const metrics = parsePrometheusText(await (await fetch(`${t.host.apiUrl!}/metrics`, {headers: asReader})).text());
	expect(sampleValue(metrics, 'sage_service_in_window', {service: 'collector'})).toBe(1);
	expect(sampleValue(metrics, 'sage_service_in_window', {service: 'parked'})).toBe(0);
	expect(sampleValue(metrics, 'sage_service_state', {service: 'parked', state: 'up'})).toBe(0);
}, 60_000);
