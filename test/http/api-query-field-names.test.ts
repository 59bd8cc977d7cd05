/**
 * A query field is named `query NAME` in every refusal of it, as a body field is `body NAME`: the
 * schema's refusals said `querystring limit`, the routes' own checks and the scheduler's a bare
 * `since`, `follow`, `dry_run`, `events`, `from`. A real scheduling host on 127.0.0.1, real HTTP.
 */
import {expect, it} from 'vitest';
import {apiHostForFile} from '../helpers/api-host-for-file.js';
import {api, apiJobs, asController, asReader, expectError} from './api-fixtures.js';

const h = apiHostForFile(apiJobs);

const refusal = async (method: string, path: string) => {
	const answer = await api(h.url, method, path, {headers: method === 'GET' ? asReader : asController});
	expectError(answer, 400, 'bad-params');
	return answer.body.message as string;
};

it('the schema\'s refusals of a query field name it query NAME', async () => {
	expect(await refusal('GET', '/v1/runs?limit=abc')).toBe('query limit must be an integer, not "abc"');
	expect(await refusal('GET', '/v1/calendar?to=2026-02-30')).toBe('query to must be a date (YYYY-MM-DD), not "2026-02-30"');
	expect(await refusal('GET', '/v1/jobs?paused=1')).toBe('query has an unknown property "paused" (it takes none)');
});

it('the routes\' own checks of a query field name it query NAME too', async () => {
	expect(await refusal('GET', '/v1/runs?since=yesterday')).toMatch(/^query since .*; give ISO-8601, YYYY-MM-DD or epoch milliseconds$/);
	expect(await refusal('GET', '/v1/stats?until=1796461345')).toBe('query until 1796461345 looks like epoch seconds; give epoch milliseconds (1796461345000), ISO-8601 or YYYY-MM-DD');
	expect(await refusal('GET', '/v1/runs?since=2026-11-20&until=2026-11-01')).toBe('query until (2026-11-01) must be after query since (2026-11-20)');
	expect(await refusal('GET', '/v1/runs/1/log?follow=on')).toBe('query follow must be 1, true or yes (or 0, false, no), not "on"');
	expect(await refusal('DELETE', '/v1/jobs/ok?dry_run=maybe')).toBe('query dry_run must be 1, true or yes (or 0, false, no), not "maybe"');
	expect(await refusal('GET', '/v1/events?events=bogus')).toMatch(/^query events names an unknown event "bogus"; known: snapshot, /);
});

it('the scheduler\'s refusals of a range name its ends as query fields', async () => {
	expect(await refusal('GET', '/v1/stats?since=2026-11-20&until=2026-11-01')).toBe('query until (2026-11-01T00:00:00+08:00) must be after query since (2026-11-20T00:00:00+08:00)');
	expect(await refusal('GET', '/v1/stats?until=2020-01-01')).toMatch(/^query until \(2020-01-01T00:00:00\+08:00\) must be after query since \(\d{4}-\d\d-\d\dT00:00:00\+08:00, today's start: since left out\)$/);
	expect(await refusal('GET', '/v1/calendar?from=2026-10-09&to=2026-09-28')).toBe('query from (2026-10-09) is after query to (2026-09-28)');
	// The job is still there: the preview was refused, not taken for a write.
	expect((await api(h.url, 'GET', '/v1/jobs/ok', {headers: asReader})).status).toBe(200);
});
