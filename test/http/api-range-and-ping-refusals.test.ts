/**
 * Refusals that name what to change: a `/v1/stats` range refused names both ends as they were read (and
 * which one was left out and defaulted), where it said "until must be after since" to a request that gave
 * no since; a ping for a job that does not exist names the heartbeat jobs there are. A real scheduling
 * host on 127.0.0.1, real HTTP.
 */
import {expect, it} from 'vitest';
import {apiHostForFile} from '../helpers/api-host-for-file.js';
import {api, apiJobs, asController, asReader, expectError} from './api-fixtures.js';

const h = apiHostForFile(apiJobs);

it('/v1/stats with until before a since left out names since as today\'s start, defaulted', async () => {
	const answer = await api(h.url, 'GET', '/v1/stats?until=2020-01-01', {headers: asReader});
	expectError(answer, 400, 'bad-params');
	expect(answer.body.message).toMatch(/^query until \(2020-01-01T00:00:00\+08:00\) must be after query since \(\d{4}-\d\d-\d\dT00:00:00\+08:00, today's start: since left out\)$/);
	const both = await api(h.url, 'GET', '/v1/stats?since=2026-11-20&until=2026-11-01', {headers: asReader});
	expect(both.body.message).toBe('query until (2026-11-01T00:00:00+08:00) must be after query since (2026-11-20T00:00:00+08:00)');
});

it('/v1/stats over more than 92 days names the range asked and its length', async () => {
	const answer = await api(h.url, 'GET', '/v1/stats?since=2026-01-01&until=2026-06-01', {headers: asReader});
	expectError(answer, 400, 'bad-params');
	expect(answer.body.message).toBe('a statistics range is at most 92 days; query since (2026-01-01T00:00:00+08:00) to query until (2026-06-01T00:00:00+08:00) is 151 days');
});

it('a ping for an unknown job is 404 naming the heartbeat jobs', async () => {
	const answer = await api(h.url, 'POST', '/v1/heartbeats/bet', {headers: asController});
	expectError(answer, 404, 'not-found');
	expect(answer.body.message).toBe('no job "bet"; heartbeat jobs: beat');
});
