/**
 * `POST /v1/jobs/:id/run` with a `trade_date` the scheduler refuses (after today, not a trading day)
 * names the field as the schema's refusals do, `body trade_date`, where it read as the CLI's words.
 * A real scheduling host on 127.0.0.1, real HTTP.
 */
import {expect, it} from 'vitest';
import {apiHostForFile} from '../helpers/api-host-for-file.js';
import {api, apiJobs, asController, expectError} from './api-fixtures.js';

const h = apiHostForFile(apiJobs);

it('a trade_date after today is 400 naming body trade_date', async () => {
	const later = await api(h.url, 'POST', '/v1/jobs/ok/run', {headers: asController, body: {trade_date: '2100-03-03'}});
	expectError(later, 400, 'bad-params');
	expect(later.body.message).toMatch(/^body trade_date 2100-03-03 is after today \(\d{4}-\d\d-\d\d in Asia\/Shanghai\): a backfill runs past trading days$/);
});

it('a trade_date the exchange was closed is 400 naming body trade_date', async () => {
	// National Day: the exchanges are closed on 2026-10-01.
	const closed = await api(h.url, 'POST', '/v1/jobs/ok/run', {headers: asController, body: {trade_date: '2026-10-01'}});
	expectError(closed, 400, 'bad-params');
	expect(closed.body.message).toBe('body trade_date 2026-10-01 is not a trading day');
	// A schema refusal of the same field, for comparison: the same name.
	expect((await api(h.url, 'POST', '/v1/jobs/ok/run', {headers: asController, body: {trade_date: '2026-13-01'}})).body.message).toBe('body trade_date must be a date (YYYY-MM-DD), not "2026-13-01"');
	expect((await api(h.url, 'GET', '/v1/runs?job=ok', {headers: asController})).body.runs).toEqual([]);
});
