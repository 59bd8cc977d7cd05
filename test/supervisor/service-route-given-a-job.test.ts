/**
 * A job's id given to the HTTP API's service routes (`GET /v1/services/ID`, `POST
 * /v1/services/ID/start|stop|restart`) is named as a job, with the routes that steer it, as a
 * service's id given to a job's route is named as a service and as the CLI names it ('hello is a job,
 * not a service'); the API said 'no service "bars"; known: …', as for a typo. A heartbeat job is named
 * as one. A real host serving the real HTTP API, a real service process.
 */
import {describe, expect, it} from 'vitest';
import {api, asController, asReader} from '../http/api-fixtures.js';
import {startHostWithApi} from '../helpers/service-host-api.js';
import {makeTempRoot} from '../helpers/temp-root.js';
import {trackServiceHosts} from './service-host.js';

const startHost = trackServiceHosts();

describe('a job given to the service routes', () => {
	it('is named as a job, with the routes for it', async () => {
		const root = makeTempRoot({'collector.sh': '#!/bin/sh\necho "collector up"\nwhile :; do sleep 1; done\n'});
		const {t, base} = await startHostWithApi(startHost, root, `jobs:
  - {id: bars, trigger: manual, command: ["true"]}
  - {id: nightly_backup, cron: "0 2 * * *", heartbeat: true, grace: 30m}
services:
  - {id: collector, command: ["sh", "${root.dir}/collector.sh"]}
`, '2026-11-20T10:00:00+08:00');
		await t.state('collector', 'up');
		for (const [method, path, headers] of [['GET', '/v1/services/bars', asReader], ['POST', '/v1/services/bars/start', asController], ['POST', '/v1/services/bars/stop', asController]] as const) {
			expect(await api(base, method, path, {headers})).toMatchObject({status: 404, body: {
				error: 'not-found',
				message: '"bars" is a job, not a service: sage-console run bars (r in the console\'s Jobs panel; in the HTTP API, POST /v1/jobs/bars/run)',
			}});
		}

		expect(await api(base, 'POST', '/v1/services/nightly_backup/restart', {headers: asController})).toMatchObject({status: 404, body: {
			error: 'not-found',
			message: '"nightly_backup" is a heartbeat job, not a service: an outside process runs it and pings in (sage-console ping nightly_backup; in the HTTP API, POST /v1/heartbeats/nightly_backup)',
		}});
		expect(await api(base, 'GET', '/v1/services/nope', {headers: asReader})).toMatchObject({status: 404, body: {message: 'no service "nope"; known: collector'}});
	}, 60_000);
});
