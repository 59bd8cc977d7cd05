/**
 * What the API says when a request is wrong, as an operator with curl meets it: the field and what it
 * may be, the unknown name and the known ones. A real scheduling host on 127.0.0.1, real HTTP.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {api, apiJobs, asController, asReader, expectError, tokens} from './api-fixtures.js';
import {startApiHost, type ApiHost} from './api-host.js';

let h: ApiHost;

beforeAll(async () => {
	h = await startApiHost(apiJobs, {tokens});
});

afterAll(async () => {
	await h.close();
});

describe('refusals say what was wrong', () => {
	it('?events= with a misspelt event name is 400 naming it and the events the stream carries', async () => {
		const typo = await api(h.url, 'GET', '/v1/events?events=run-finished,bogus', {headers: asReader});
		expectError(typo, 400, 'bad-params');
		expect(typo.body.message).toMatch(/^events names an unknown event "bogus"; known: snapshot, run-queued, run-started, .*run-finished.*job-alert/);
		// An opt-in protocol event feeds the metrics, never the stream: naming it would stream nothing.
		expect((await api(h.url, 'GET', '/v1/events?events=fired,nope', {headers: asReader})).body.message).toMatch(/^events names unknown events "fired", "nope"; known: /);
	});

	it('a schema refusal names the property and what it may be', async () => {
		const unknownField = await api(h.url, 'POST', '/v1/jobs/ok/run', {headers: asController, body: {param: {symbols: ['600519.SH']}}});
		expectError(unknownField, 400, 'bad-request');
		expect(unknownField.body.message).toBe('body has an unknown property "param" (did you mean "params"? known: params, trade_date)');
		const badStatus = await api(h.url, 'GET', '/v1/runs?status=exploded', {headers: asReader});
		expectError(badStatus, 400, 'bad-request');
		expect(badStatus.body.message).toBe('querystring status must be one of: queued, running, success, failed, timeout, cancelled, interrupted, skipped (not "exploded")');
		expect((await api(h.url, 'GET', '/v1/runs?limit=abc', {headers: asReader})).body.message).toBe('querystring limit must be an integer, not "abc"');
		expect((await api(h.url, 'GET', '/v1/runs?stauts=failed', {headers: asReader})).body.message).toMatch(/^querystring has an unknown property "stauts" \(did you mean "status"\? known: job, status, trigger, since, until, limit, before\)$/);
		expect((await api(h.url, 'GET', '/v1/calendar?from=2026-13-01', {headers: asReader})).body.message).toBe('querystring from must be a date (YYYY-MM-DD), not "2026-13-01"');
		expect((await api(h.url, 'POST', '/v1/heartbeats/beat/maybe', {headers: asController})).body.message).toBe('params outcome must be one of: start, success, fail (not "maybe")');
		expect((await api(h.url, 'POST', '/v1/import', {headers: asController, body: {job: []}})).body.message).toBe('body must be a string, or body needs the property "jobs"');
	});
});
