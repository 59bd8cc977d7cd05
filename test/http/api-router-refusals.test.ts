/**
 * Refusals of a request's path and sizes, in the API's `{error, message}` shape and words: the router's
 * own (a malformed %-escape, a path parameter past its bound) came in Fastify's `{"error":"Bad Request",
 * "code":"FST_ERR_…","statusCode":…}`, a 101-character job id could not be addressed at all (414), and
 * ajv's count words read "must NOT have fewer than 1 properties". A real scheduling host on 127.0.0.1, real HTTP.
 */
import {expect, it} from 'vitest';
import {apiHostForFile} from '../helpers/api-host-for-file.js';
import {api, apiJobs, asController, asReader, expectError} from './api-fixtures.js';

const h = apiHostForFile(apiJobs);

it('a malformed %-escape in the path is 400 bad-params in the API\'s shape', async () => {
	const answer = await api(h.url, 'GET', '/v1/jobs/%E0%A4%A', {headers: asReader});
	expect(answer).toEqual({status: 400, body: {error: 'bad-params', message: 'GET /v1/jobs/%E0%A4%A: the path is not valid percent-encoded UTF-8'}});
});

it('a job id up to the schema\'s 200 characters reaches the route; a longer one is refused in the schema\'s words, a far longer one by the router in the API\'s shape', async () => {
	const long = 'a'.repeat(150);
	const missing = await api(h.url, 'GET', `/v1/jobs/${long}`, {headers: asReader});
	expectError(missing, 404, 'not-found');
	expect(missing.body.message).toMatch(new RegExp(`^no job "${long}"; known: ok, `));
	const tooLong = await api(h.url, 'POST', `/v1/jobs/${'b'.repeat(201)}/pause`, {headers: asController});
	expectError(tooLong, 400, 'bad-params');
	expect(tooLong.body.message).toBe(`params id must have at most 200 characters, not "${'b'.repeat(56)}...`);
	const past = await api(h.url, 'GET', `/v1/runs/${'1'.repeat(300)}`, {headers: asReader});
	expect(past).toEqual({status: 400, body: {error: 'bad-params', message: `GET /v1/runs/${'1'.repeat(68)}...: a path parameter is longer than 256 characters`}});
});

it('a PUT of an empty job says it needs at least 1 property, in plain words', async () => {
	const empty = await api(h.url, 'PUT', '/v1/jobs/other', {headers: asController, body: {}});
	expectError(empty, 400, 'bad-params');
	expect(empty.body.message).toBe('body must have at least 1 property, not {}');
});
