/**
 * How a JSON body is read: one that cannot be read says why and where (JSON.parse's words), where it
 * said only "Body is not valid JSON but content-type is set to 'application/json'"; an empty body sent
 * with `Content-Type: application/json` is no body, as the docs promise for routes that read none,
 * where it was 400 "Body cannot be empty". A real scheduling host on 127.0.0.1, real HTTP.
 */
import {afterAll, beforeAll, expect, it} from 'vitest';
import {api, apiJobs, asController, expectError, tokens} from './api-fixtures.js';
import {startApiHost, type ApiHost} from './api-host.js';

let h: ApiHost;

beforeAll(async () => {
	h = await startApiHost(apiJobs, {tokens});
});

afterAll(async () => {
	await h.close();
});

const json = 'application/json';

it('a body cut short is 400 bad-request saying what JSON.parse found', async () => {
	const cut = await api(h.url, 'POST', '/v1/jobs/ok/run', {headers: asController, raw: '{"params": ', type: json});
	expectError(cut, 400, 'bad-request');
	expect(cut.body.message).toBe('the body is not valid JSON: Unexpected end of JSON input');
	const trailing = await api(h.url, 'POST', '/v1/jobs/ok/run', {headers: asController, raw: '{"params": {},}', type: json});
	expect(trailing.body.message).toMatch(/^the body is not valid JSON: .*position 14/);
});

it('a __proto__ key is still refused, saying so rather than calling the JSON invalid', async () => {
	const poisoned = await api(h.url, 'POST', '/v1/jobs/ok/run', {headers: asController, raw: '{"params": {"__proto__": {"admin": true}}}', type: json});
	expectError(poisoned, 400, 'bad-request');
	expect(poisoned.body.message).toBe('the body has a "__proto__" or "constructor.prototype" key, which the API does not take');
});

it('an empty body with Content-Type: application/json is no body: a pause is done, a run starts', async () => {
	expect(await api(h.url, 'POST', '/v1/jobs/ok/pause', {headers: asController, raw: '', type: json})).toEqual({status: 200, body: {changed: true, stopped: {runs: [], attempts: []}}});
	expect(await api(h.url, 'POST', '/v1/jobs/ok/resume', {headers: asController, raw: '', type: json})).toEqual({status: 200, body: {changed: true}});
	const run = await api(h.url, 'POST', '/v1/jobs/ok/run', {headers: asController, raw: '', type: `${json}; charset=utf-8`});
	expect(run.status).toBe(202);
	// A route that needs a body still says so.
	expectError(await api(h.url, 'PUT', '/v1/jobs/other', {headers: asController, raw: '', type: json}), 400, 'bad-params');
});
