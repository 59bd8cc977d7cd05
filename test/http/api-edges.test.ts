/**
 * Requests a script author or an operator with curl sends without meaning harm: a trailing slash, a
 * `+` left unencoded in a time, a range given backwards, a body past the limit, an id past what a
 * number holds. Each gets an answer that serves it or says what to change. A real scheduling host on
 * 127.0.0.1, real HTTP.
 */
import {expect, it} from 'vitest';
import {apiHostForFile} from '../helpers/api-host-for-file.js';
import {api, apiJobs, asController, asReader, endedRun, expectError, type Json} from './api-fixtures.js';

const h = apiHostForFile(apiJobs);

it('a path with a trailing slash is the path without it, not a 405 naming the method asked with', async () => {
	const status = await api(h.url, 'GET', '/v1/status/', {headers: asReader});
	expect(status.status).toBe(200);
	expect(status.body).toMatchObject({scheduler: {paused: false}});
	expect((await api(h.url, 'GET', '/v1/jobs/ok/', {headers: asReader})).body).toMatchObject({job: {id: 'ok'}});
	const wrongMethod = await api(h.url, 'GET', '/v1/jobs/ok/run/', {headers: asReader});
	expectError(wrongMethod, 405, 'method-not-allowed');
	expect(wrongMethod.body.allowed).toEqual(['POST']);
});

it('a time whose + came through the URL as a space is read as the offset it was', async () => {
	const answer = await api(h.url, 'POST', '/v1/jobs/ok/run', {headers: asController});
	await endedRun(h.url, answer.body.runId as number);
	await h.host.scheduler.historyWritten();
	const hourAgo = new Date(Date.now() - 3_600_000);
	// As `curl "$API/v1/runs?since=2026-12-05T16:30:00+08:00"` sends it: the + unencoded.
	const shanghai = new Date(hourAgo.getTime() + (8 * 3_600_000)).toISOString().slice(0, 19);
	const runs = await api(h.url, 'GET', `/v1/runs?job=ok&since=${shanghai}+08:00`, {headers: asReader});
	expect(runs.status).toBe(200);
	expect((runs.body.runs as Json[]).map(run => run.id)).toContain(answer.body.runId);
	const stats = await api(h.url, 'GET', `/v1/stats?job=ok&since=${shanghai}+08:00`, {headers: asReader});
	expect(stats.status).toBe(200);
});

it('runs asked for with until before since is 400 naming both, not an empty list', async () => {
	const backwards = await api(h.url, 'GET', '/v1/runs?since=2026-11-20&until=2026-11-01', {headers: asReader});
	expectError(backwards, 400, 'bad-params');
	expect(backwards.body.message).toBe('query until (2026-11-01) must be after query since (2026-11-20)');
});

it('a body past body_limit is 413 saying the limit and where it is set', async () => {
	const big = await api(h.url, 'POST', '/v1/jobs/ok/run', {headers: asController, body: {params: {text: 'x'.repeat(70 * 1024)}}});
	expectError(big, 413, 'too-large');
	expect(big.body.message).toBe('the request body is larger than the API takes: 64 KiB (http.body_limit in jobs.yaml)');
});

it('a run id past what a number holds is refused as the path parameter it is', async () => {
	for (const path of ['/v1/runs/99999999999999999999', '/v1/runs/99999999999999999999/log']) {
		const answer = await api(h.url, 'GET', path, {headers: asReader});
		expectError(answer, 400, 'bad-params');
		expect(answer.body.message).toBe('params id must be <= 9007199254740991, not 99999999999999999999');
	}

	const before = await api(h.url, 'GET', '/v1/runs?before=99999999999999999999', {headers: asReader});
	expect(before.body.message).toBe('query before must be <= 9007199254740991, not 99999999999999999999');
});

it('a time in epoch seconds (date +%s) is 400 saying so, not read as milliseconds of January 1970', async () => {
	const seconds = await api(h.url, 'GET', '/v1/runs?since=1796461345', {headers: asReader});
	expectError(seconds, 400, 'bad-params');
	expect(seconds.body.message).toBe('query since 1796461345 looks like epoch seconds; give epoch milliseconds (1796461345000), ISO-8601 or YYYY-MM-DD');
	expectError(await api(h.url, 'GET', '/v1/stats?until=1796461345', {headers: asReader}), 400, 'bad-params');
	expect((await api(h.url, 'GET', `/v1/runs?since=${Date.now() - 60_000}`, {headers: asReader})).status).toBe(200);
});
