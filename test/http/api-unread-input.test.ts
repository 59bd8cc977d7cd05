/**
 * A query or body a route does not read is refused, as an unknown field is: `GET /v1/jobs?paused=1`
 * answered with every job, or a cancel whose `reason` is dropped, would let a script believe it was
 * heard. Heartbeat pings are the exception: a pinger's log in the body (`curl -d "$output"`, as
 * Healthchecks takes one) is taken and not read. A real scheduling host on 127.0.0.1, real HTTP.
 */
import {expect, it} from 'vitest';
import {apiHostForFile} from '../helpers/api-host-for-file.js';
import {api, apiJobs, asController, asReader, endedRun, expectError} from './api-fixtures.js';

const h = apiHostForFile(apiJobs);

it('a query on a route that reads none is 400 naming it', async () => {
	const filtered = await api(h.url, 'GET', '/v1/jobs?paused=1', {headers: asReader});
	expectError(filtered, 400, 'bad-params');
	expect(filtered.body.message).toBe('query has an unknown property "paused" (it takes none)');
	expectError(await api(h.url, 'POST', '/v1/jobs/ok/run?dry_run=1', {headers: asController}), 400, 'bad-params');
	expect((await api(h.url, 'GET', '/v1/status', {headers: asReader})).status).toBe(200);
});

it('a body on a route that reads none is 400 naming its field; none, or {}, is taken', async () => {
	const runId = (await api(h.url, 'POST', '/v1/jobs/ok/run', {headers: asController})).body.runId as number;
	await endedRun(h.url, runId);
	const withReason = await api(h.url, 'POST', `/v1/runs/${runId}/cancel`, {headers: asController, body: {reason: 'stale data'}});
	expectError(withReason, 400, 'bad-params');
	expect(withReason.body.message).toBe('body has an unknown property "reason" (it takes none)');
	expect((await api(h.url, 'POST', '/v1/jobs/ok/pause', {headers: asController, body: {}})).body).toEqual({changed: true, stopped: {runs: [], attempts: []}});
	expect((await api(h.url, 'POST', '/v1/jobs/ok/resume', {headers: asController})).body).toEqual({changed: true});
});

it('a form body where JSON is read is 415 saying the type sent and the ones read', async () => {
	const form = await api(h.url, 'POST', '/v1/jobs/ok/pause', {headers: asController, raw: 'a=b', type: 'application/x-www-form-urlencoded'});
	expectError(form, 415, 'unsupported-media-type');
	expect(form.body.message).toBe('POST /v1/jobs/ok/pause does not read a body of type application/x-www-form-urlencoded: it reads JSON (application/json)');
});

it('a heartbeat ping with the pinger\'s output as its body (curl -d) is taken as a ping', async () => {
	const ping = await api(h.url, 'POST', '/v1/heartbeats/beat', {headers: asController, raw: 'exported 1,204 rows', type: 'application/x-www-form-urlencoded'});
	expect(ping.status).toBe(200);
	expect(ping.body).toMatchObject({job: 'beat', state: 'up', lastOutcome: 'success'});
	const failed = await api(h.url, 'POST', '/v1/heartbeats/beat/fail', {headers: asController, raw: 'Traceback …', type: 'text/plain'});
	expect(failed.body).toMatchObject({job: 'beat', state: 'down', lastOutcome: 'fail'});
});
