/**
 * What the API says when a request is wrong, as an operator with curl meets it: the field and what it
 * may be, the unknown name and the known ones. A real scheduling host on 127.0.0.1, real HTTP.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {api, apiJobs, asController, asReader, endedRun, expectError, tokens, type Json} from './api-fixtures.js';
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
		expect(typo.body.message).toMatch(/^query events names an unknown event "bogus"; known: snapshot, run-queued, run-started, .*run-finished.*job-alert/);
		// An opt-in protocol event feeds the metrics, never the stream: naming it would stream nothing.
		expect((await api(h.url, 'GET', '/v1/events?events=fired,nope', {headers: asReader})).body.message).toMatch(/^query events names unknown events "fired", "nope"; known: /);
	});

	it('a schema refusal names the property and what it may be', async () => {
		const unknownField = await api(h.url, 'POST', '/v1/jobs/ok/run', {headers: asController, body: {param: {symbols: ['600519.SH']}}});
		expectError(unknownField, 400, 'bad-params');
		expect(unknownField.body.message).toBe('body has an unknown property "param" (did you mean "params"? known: params, trade_date)');
		const badStatus = await api(h.url, 'GET', '/v1/runs?status=exploded', {headers: asReader});
		expectError(badStatus, 400, 'bad-params');
		expect(badStatus.body.message).toBe('query status must be one of: queued, running, success, failed, timeout, cancelled, interrupted, skipped (not "exploded")');
		expect((await api(h.url, 'GET', '/v1/runs?limit=abc', {headers: asReader})).body.message).toBe('query limit must be an integer, not "abc"');
		expect((await api(h.url, 'GET', '/v1/runs?stauts=failed', {headers: asReader})).body.message).toMatch(/^query has an unknown property "stauts" \(did you mean "status"\? known: job, status, trigger, since, until, limit, before\)$/);
		expect((await api(h.url, 'GET', '/v1/calendar?from=2026-13-01', {headers: asReader})).body.message).toBe('query from must be a date (YYYY-MM-DD), not "2026-13-01"');
		expect((await api(h.url, 'POST', '/v1/heartbeats/beat/maybe', {headers: asController})).body.message).toBe('params outcome must be one of: start, success, fail (not "maybe")');
		expect((await api(h.url, 'POST', '/v1/import', {headers: asController, body: {job: []}})).body.message).toBe('body must be a string, or body needs the property "jobs"');
	});

	it('a calendar range that cannot be read says which way it is wrong: reversed, or too long', async () => {
		const reversed = await api(h.url, 'GET', '/v1/calendar?from=2026-10-09&to=2026-09-28', {headers: asReader});
		expectError(reversed, 400, 'bad-params');
		expect(reversed.body.message).toBe('query from (2026-10-09) is after query to (2026-09-28)');
		const long = await api(h.url, 'GET', '/v1/calendar?from=2024-01-01&to=2026-03-12', {headers: asReader});
		expectError(long, 400, 'bad-params');
		expect(long.body.message).toBe('a calendar range is at most 800 days; 2024-01-01 to 2026-03-12 is 801 days');
	});

	it('an unknown run is 404 not-found whether it is looked at, cancelled or retried', async () => {
		for (const [method, path] of [['GET', '/v1/runs/99999'], ['GET', '/v1/runs/99999/log'], ['POST', '/v1/runs/99999/cancel'], ['POST', '/v1/runs/99999/retry']] as const) {
			const answer = await api(h.url, method, path, {headers: asController});
			expect({path, status: answer.status, error: answer.body.error, message: answer.body.message}).toEqual({path, status: 404, error: 'not-found', message: 'no run 99999'});
		}
	});

	it('?job= naming no job is 404 with the known ones; a removed job\'s runs stay listable', async () => {
		const typo = await api(h.url, 'GET', '/v1/runs?job=okk', {headers: asReader});
		expectError(typo, 404, 'not-found');
		expect(typo.body.message).toBe('no job "okk" (did you mean "ok"?); known: ok, slow, fails, nightly, beat');
		expectError(await api(h.url, 'GET', '/v1/stats?job=okk', {headers: asReader}), 404, 'not-found');
		// A known job with nothing to show is an empty answer, not an error.
		expect((await api(h.url, 'GET', '/v1/runs?job=nightly', {headers: asReader})).body).toMatchObject({runs: []});
		expect((await api(h.url, 'GET', '/v1/stats?job=nightly', {headers: asReader})).body).toMatchObject({jobs: []});

		// Given a job that ran, when it is removed from jobs.yaml, its runs are still there to list.
		const runId = (await api(h.url, 'POST', '/v1/jobs/fails/run', {headers: asController})).body.runId as number;
		await endedRun(h.url, runId);
		await h.host.scheduler.historyWritten();
		expect((await api(h.url, 'DELETE', '/v1/jobs/fails', {headers: asController})).body).toMatchObject({ok: true});
		expect(((await api(h.url, 'GET', '/v1/runs?job=fails', {headers: asReader})).body.runs as Json[]).map(run => run.id)).toEqual([runId]);
		expect((await api(h.url, 'GET', '/v1/runs?job=fails&status=success', {headers: asReader})).body).toMatchObject({runs: []});
		expect((await api(h.url, 'GET', '/v1/stats?job=fails', {headers: asReader})).body.jobs).toMatchObject([{jobId: 'fails', failed: 1}]);
		expect((await api(h.url, 'GET', '/v1/stats?job=fails&since=2020-01-01&until=2020-01-31', {headers: asReader})).body).toMatchObject({jobs: []});
	});
});
