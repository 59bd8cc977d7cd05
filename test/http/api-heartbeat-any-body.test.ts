/**
 * A heartbeat ping takes any body unread, as docs/http-api.md says, JSON included: a pinger posting its
 * output as `Content-Type: application/json` (a `result.json` cut short) was refused 400 `the body is not
 * valid JSON`, so its ping was lost and the job went late. So does a body past `http.body_limit` (1 MiB
 * by default), which was refused 413. Other routes still refuse such bodies. A real scheduling host and
 * its HTTP API.
 */
import {expect, it} from 'vitest';
import {apiHostForFile} from '../helpers/api-host-for-file.js';
import {api, apiJobs, asController, expectError} from './api-fixtures.js';

const h = apiHostForFile(apiJobs);

it('a ping with a body that is not valid JSON, sent as JSON, is taken; a route reading JSON still refuses it', async () => {
	for (const path of ['/v1/heartbeats/beat/start', '/v1/heartbeats/beat']) {
		const ping = await api(h.url, 'POST', path, {headers: asController, raw: '{"rows": 12, "status": "o', type: 'application/json'});
		expect(ping.status, path).toBe(200);
	}

	const seen = await api(h.url, 'POST', '/v1/heartbeats/beat/fail', {headers: asController, raw: 'not json at all', type: 'application/json'});
	expect(seen).toMatchObject({status: 200, body: {job: 'beat', lastOutcome: 'fail'}});
	expectError(await api(h.url, 'POST', '/v1/jobs/ok/run', {headers: asController, raw: '{"params": ', type: 'application/json'}), 400, 'bad-request');
});

it('a ping with a body past http.body_limit (a pinger\'s whole log) is taken; a route reading its body still refuses one', async () => {
	const log = 'x'.repeat(3 * 1024 * 1024);
	for (const type of ['text/plain', 'application/json']) {
		const ping = await api(h.url, 'POST', '/v1/heartbeats/beat', {headers: asController, raw: log, type});
		expect(ping, type).toMatchObject({status: 200, body: {job: 'beat', lastOutcome: 'success'}});
	}

	expectError(await api(h.url, 'POST', '/v1/jobs/ok/run', {headers: asController, raw: `{"params": {"pad": "${log}"}}`, type: 'application/json'}), 413, 'too-large');
});
