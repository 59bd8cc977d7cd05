/**
 * What a client of the API reads, as the operator walking through it met it: a wrong method is 405
 * naming the methods the path takes; every bad parameter is `bad-params`; a large result is cut as
 * history cuts it; /v1/stats counts cancelled runs; today's figures are jobs' runs, not a service's
 * crash-restarts. A real scheduling host on 127.0.0.1: real runs, a real service, real SQLite, real HTTP.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {api, asController, asReader, endedRun, expectError, tokens, type Json} from './api-fixtures.js';
import {startApiHost, type ApiHost} from './api-host.js';
import {sameDayEach} from '../helpers/same-day-ahead.js';

const jobs = `warm_workers: 0
http:
  listen: "127.0.0.1:0"
jobs:
  - {id: ok, trigger: manual, command: ["sh", "-c", "echo hello"]}
  - {id: slow, trigger: manual, command: ["sh", "-c", "echo start; sleep 30"]}
  - {id: big, trigger: manual, module: jobs/big.ts}
services:
  - id: crashy
    command: ["sh", "-c", "echo dying; exit 7"]
    restart: on-failure
    restart_delay: 1s
    start_limit: 2
    start_limit_interval: 10m
`;

const fiveMegabytes = 5 * 1024 * 1024;

let h: ApiHost;

beforeAll(async () => {
	h = await startApiHost(jobs, {tokens, files: {'jobs/big.ts': `export default async function run() { return {big: 'r'.repeat(${fiveMegabytes})}; }\n`}});
});

afterAll(async () => {
	await h.close();
});

async function runNow(jobId: string): Promise<{status: number; body: Json}> {
	return api(h.url, 'POST', `/v1/jobs/${jobId}/run`, {headers: asController});
}

// Today's figures count in Shanghai (the scheduler's zone): a midnight there between a run and the look empties them.
sameDayEach('Asia/Shanghai', 60_000);

describe('a wrong method on a known path', () => {
	it('is 405 with an Allow header and a JSON error naming the methods the path takes', async () => {
		const response = await fetch(`${h.url}/v1/jobs/ok/run`, {headers: asReader});
		expect(response.status).toBe(405);
		expect(response.headers.get('allow')).toBe('POST');
		expect(await response.json()).toEqual({error: 'method-not-allowed', message: 'GET /v1/jobs/ok/run: /v1/jobs/:id/run takes POST', allowed: ['POST']});
		const health = await api(h.url, 'DELETE', '/v1/health', {headers: asReader});
		expectError(health, 405, 'method-not-allowed');
		expect(health.body.allowed).toEqual(['GET', 'HEAD']);
		const job = await api(h.url, 'POST', '/v1/jobs/ok', {headers: asController});
		expectError(job, 405, 'method-not-allowed');
		expect(job.body.allowed).toEqual(['DELETE', 'GET', 'HEAD', 'PUT']);
		expectError(await api(h.url, 'GET', '/v1/nothing/here', {headers: asReader}), 404, 'not-found');
	});
});

describe('bad parameters', () => {
	it('are one code, bad-params, whether the schema or the route refuses them', async () => {
		expectError(await api(h.url, 'GET', '/v1/runs?limit=abc', {headers: asReader}), 400, 'bad-params');
		expectError(await api(h.url, 'GET', '/v1/runs?since=yesterday', {headers: asReader}), 400, 'bad-params');
		expectError(await api(h.url, 'GET', '/v1/stats?until=2026-13-01', {headers: asReader}), 400, 'bad-params');
		expectError(await api(h.url, 'POST', '/v1/jobs/ok/run', {headers: asController, body: {param: {}}}), 400, 'bad-params');
	});
});

describe('a 5 MB result', () => {
	it('is cut to 64 KiB in the run the API serves, as in history, and says so', async () => {
		const started = await runNow('big');
		expect(started.status).toBe(202);
		const runId = started.body.runId as number;
		const run = await endedRun(h.url, runId);
		expect(run.status).toBe('success');
		const served = await fetch(`${h.url}/v1/runs/${runId}`, {headers: asReader});
		const text = await served.text();
		expect(text.length).toBeLessThan(100 * 1024);
		const result = (JSON.parse(text) as {run: {result: {truncated: boolean; length: number; preview: string}}}).run.result;
		expect(result.truncated).toBe(true);
		expect(result.preview).toHaveLength(64 * 1024);
		expect(result.preview.startsWith('{"big":"rrrr')).toBe(true);
		// How long the whole result was: its JSON text, {"big":"…"}.
		expect(result.length).toBe(fiveMegabytes + '{"big":""}'.length);
		await h.host.scheduler.historyWritten();
		// The same run read from history (the CLI's `show`) is the same result.
		expect(h.host.store.getRun(runId)?.result).toEqual(result);
	});
});

describe('counts', () => {
	it('/v1/stats counts a cancelled run; today\'s figures count jobs\' runs, not a service\'s crash-restarts', async () => {
		// The service crashes at once and is restarted: its failed starts are runs in history.
		for (;;) {
			const services = (await api(h.url, 'GET', '/v1/services', {headers: asReader})).body.services as Json[];
			if ((services.find(service => service.id === 'crashy')?.restartsToday as number) >= 1) {
				break;
			}

			await new Promise(resolve => {
				setTimeout(resolve, 100);
			});
		}

		const before = (await api(h.url, 'GET', '/v1/status', {headers: asReader})).body.today as Json;
		const slow = (await runNow('slow')).body.runId as number;
		expect((await runNow('slow')).status).toBe(409);
		expect((await api(h.url, 'POST', `/v1/runs/${slow}/cancel`, {headers: asController})).status).toBe(200);
		expect(await endedRun(h.url, slow)).toMatchObject({status: 'cancelled'});
		await endedRun(h.url, (await runNow('ok')).body.runId as number);
		await h.host.scheduler.historyWritten();

		const stats = (await api(h.url, 'GET', '/v1/stats?job=slow', {headers: asReader})).body;
		expect((stats.jobs as Json[])[0]).toMatchObject({jobId: 'slow', runs: 1, succeeded: 0, failed: 0, cancelled: 1, skipped: 1});
		const today = stats.today as Json;
		expect(today.failed).toBe(0);
		expect(today).toMatchObject({runs: (before.runs as number) + 2, succeeded: (before.succeeded as number) + 1, cancelled: 1, failed: 0});
		// The service's crashes are its own figures.
		const crashy = ((await api(h.url, 'GET', '/v1/services', {headers: asReader})).body.services as Json[]).find(service => service.id === 'crashy')!;
		expect(crashy.restartsToday).toBeGreaterThanOrEqual(1);
	});
});
