/** Every endpoint against a real scheduling host on 127.0.0.1: real runs, real SQLite, real HTTP. */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {api, apiJobs, asController, asReader, endedRun, expectError, tokens, type Json} from './api-fixtures.js';
import {startApiHost, type ApiHost} from './api-host.js';
import {sameDayEach} from '../helpers/same-day-ahead.js';

let h: ApiHost;

beforeAll(async () => {
	h = await startApiHost(apiJobs, {tokens});
});

afterAll(async () => {
	await h.close();
});

// Today's figures count in Shanghai (the scheduler's zone): a midnight there between a run and the look empties them.
sameDayEach('Asia/Shanghai', 60_000);

async function runNow(jobId: string, body?: unknown): Promise<number> {
	const answer = await api(h.url, 'POST', `/v1/jobs/${jobId}/run`, {headers: asController, body});
	expect(answer.status).toBe(202);
	return answer.body.runId as number;
}

describe('status and jobs', () => {
	it('status is the protocol snapshot; jobs list carries next fire times, last runs and today\'s figures', async () => {
		const status = await api(h.url, 'GET', '/v1/status', {headers: asReader});
		expect(status.body).toMatchObject({scheduler: {paused: false, stopping: false}});
		expect((status.body.jobs as Json[]).map(job => job.id)).toEqual(['ok', 'slow', 'fails', 'nightly', 'beat']);
		const runId = await runNow('ok');
		expect(await endedRun(h.url, runId)).toMatchObject({status: 'success', jobId: 'ok', trigger: 'manual'});
		await h.host.scheduler.historyWritten();
		const jobs = (await api(h.url, 'GET', '/v1/jobs', {headers: asReader})).body.jobs as Json[];
		const ok = jobs.find(job => job.id === 'ok')!;
		expect(ok).toMatchObject({kind: 'command', lastRun: {id: runId, status: 'success'}, today: {jobId: 'ok', succeeded: 1, successRate: 1}});
		expect(typeof jobs.find(job => job.id === 'nightly')!.nextFireAt).toBe('number');
		expect(jobs.find(job => job.id === 'beat')).toMatchObject({kind: 'heartbeat', heartbeat: {state: 'new'}});
		const one = (await api(h.url, 'GET', '/v1/jobs/nightly', {headers: asReader})).body;
		expect((one.nextFires as number[]).length).toBe(5);
		expect(one.job).toMatchObject({id: 'nightly', schedule: expect.any(String) as string});
		expectError(await api(h.url, 'GET', '/v1/jobs/nope', {headers: asReader}), 404, 'not-found');
		expectError(await api(h.url, 'GET', '/v1/jobs/Bad%20Id', {headers: asReader}), 400, 'bad-params');
	});

	it('run with params returns the run id; a run skipped by concurrency is 409 with the reason', async () => {
		const runId = await runNow('ok', {params: {symbols: ['600519.SH']}});
		await endedRun(h.url, runId);
		const slow = await runNow('slow');
		const again = await api(h.url, 'POST', '/v1/jobs/slow/run', {headers: asController});
		expectError(again, 409, 'not-started');
		expect(again.body.message).toMatch(/still running|skip/);
		expect(again.body.run).toMatchObject({jobId: 'slow', status: 'skipped'});
		await endedRun(h.url, slow);
		expectError(await api(h.url, 'POST', '/v1/jobs/ok/run', {headers: asController, body: {nonsense: 1}}), 400, 'bad-params');
		expectError(await api(h.url, 'POST', '/v1/jobs/beat/run', {headers: asController}), 409, 'not-started');
	});

	it('pause and resume a job and the whole scheduler', async () => {
		expect((await api(h.url, 'POST', '/v1/jobs/nightly/pause', {headers: asController})).body).toEqual({changed: true, stopped: {runs: [], attempts: []}});
		expect((await api(h.url, 'POST', '/v1/jobs/nightly/pause', {headers: asController})).body).toEqual({changed: false, stopped: {runs: [], attempts: []}});
		expect(((await api(h.url, 'GET', '/v1/jobs/nightly', {headers: asReader})).body.job as Json).paused).toBe(true);
		expect((await api(h.url, 'POST', '/v1/jobs/nightly/resume', {headers: asController})).body).toEqual({changed: true});
		expect((await api(h.url, 'POST', '/v1/scheduler/pause', {headers: asController})).body).toEqual({changed: true, stopped: {runs: [], attempts: []}});
		expect((await api(h.url, 'GET', '/v1/health')).body.paused).toBe(true);
		expect((await api(h.url, 'POST', '/v1/scheduler/resume', {headers: asController})).body).toEqual({changed: true});
	});
});

describe('runs', () => {
	it('list with filters and paging, one run with its notifications, its log', async () => {
		const failed = await runNow('fails');
		expect(await endedRun(h.url, failed)).toMatchObject({status: 'failed'});
		for (let i = 0; i < 3; i++) {
			await endedRun(h.url, await runNow('ok'));
		}

		await h.host.scheduler.historyWritten();
		const onlyOk = (await api(h.url, 'GET', '/v1/runs?job=ok&status=success&trigger=manual', {headers: asReader})).body.runs as Json[];
		expect(onlyOk.length).toBeGreaterThanOrEqual(3);
		expect(onlyOk.every(run => run.jobId === 'ok' && run.status === 'success')).toBe(true);
		const failures = (await api(h.url, 'GET', '/v1/runs?status=failed', {headers: asReader})).body.runs as Json[];
		expect(failures.map(run => run.id)).toEqual([failed]);
		const first = await api(h.url, 'GET', '/v1/runs?job=ok&limit=2', {headers: asReader});
		expect((first.body.runs as Json[]).length).toBe(2);
		const next = first.body.next as {before: number};
		const second = (await api(h.url, 'GET', `/v1/runs?job=ok&limit=2&before=${next.before}`, {headers: asReader})).body.runs as Json[];
		expect(second.every(run => (run.id as number) < next.before)).toBe(true);
		const since = new Date(Date.now() + 3_600_000).toISOString();
		expect((await api(h.url, 'GET', `/v1/runs?since=${encodeURIComponent(since)}`, {headers: asReader})).body.runs).toEqual([]);
		expectError(await api(h.url, 'GET', '/v1/runs?since=yesterday-ish', {headers: asReader}), 400, 'bad-params');
		const february30 = await api(h.url, 'GET', '/v1/runs?since=2026-02-30', {headers: asReader});
		expectError(february30, 400, 'bad-params');
		expect(february30.body.message).toBe('query since 2026-02-30 is not a date: February 2026 has 28 days');
		expectError(await api(h.url, 'GET', '/v1/runs?limit=abc', {headers: asReader}), 400, 'bad-params');
		expectError(await api(h.url, 'GET', '/v1/runs?status=exploded', {headers: asReader}), 400, 'bad-params');

		const one = (await api(h.url, 'GET', `/v1/runs/${failed}`, {headers: asReader})).body;
		expect(one.run).toMatchObject({id: failed, status: 'failed', error: {type: expect.any(String) as string}});
		expect(one.notifications).toEqual([]);
		expectError(await api(h.url, 'GET', '/v1/runs/99999', {headers: asReader}), 404, 'not-found');
		const okRun = onlyOk[0]!.id as number;
		const log = (await api(h.url, 'GET', `/v1/runs/${okRun}/log`, {headers: asReader})).body;
		expect(log).toMatchObject({finished: true});
		expect((log.lines as string[]).join('\n')).toMatch(/hello[\s\S]*world/);
	});

	it('?follow=1 streams a live run\'s log until it ends', async () => {
		const runId = await runNow('slow');
		const response = await fetch(`${h.url}/v1/runs/${runId}/log?follow=1`, {headers: asReader});
		expect(response.headers.get('content-type')).toContain('application/x-ndjson');
		const text = await response.text();
		expect(text).toMatch(/start[\s\S]*end/);
		expect((await endedRun(h.url, runId)).status).toBe('success');
	});

	it('cancel a running run (409 once it has ended), retry it as the next attempt', async () => {
		const runId = await runNow('slow');
		expect((await api(h.url, 'POST', `/v1/runs/${runId}/cancel`, {headers: asController})).body).toEqual({ok: true});
		expect(await endedRun(h.url, runId)).toMatchObject({status: 'cancelled'});
		expectError(await api(h.url, 'POST', `/v1/runs/${runId}/cancel`, {headers: asController}), 409, 'not-cancelled');
		expectError(await api(h.url, 'POST', '/v1/runs/99999/cancel', {headers: asController}), 404, 'not-found');
		const retried = await api(h.url, 'POST', `/v1/runs/${runId}/retry`, {headers: asController});
		expect(retried.status).toBe(202);
		expect(retried.body.run).toMatchObject({jobId: 'slow', trigger: 'retry', attempt: 2});
		await endedRun(h.url, retried.body.runId as number);
	});
});

describe('statistics, calendar, reload, heartbeats, limits', () => {
	it('statistics per job over today or a chosen range', async () => {
		await endedRun(h.url, await runNow('ok'));
		await h.host.scheduler.historyWritten();
		const stats = (await api(h.url, 'GET', '/v1/stats', {headers: asReader})).body;
		expect(stats.today).toMatchObject({runs: expect.any(Number) as number, successRate: expect.any(Number) as number});
		const ok = (stats.jobs as Json[]).find(job => job.jobId === 'ok')!;
		expect(ok).toMatchObject({failed: 0, successRate: 1});
		expect(ok.succeeded).toBeGreaterThanOrEqual(1);
		expect(ok.p50Ms as number).toBeLessThanOrEqual(ok.p99Ms as number);
		expect(ok.p99Ms as number).toBeLessThanOrEqual(ok.maxMs as number);
		const empty = (await api(h.url, 'GET', '/v1/stats?since=2020-01-01&until=2020-01-31', {headers: asReader})).body;
		expect(empty.jobs).toEqual([]);
		expectError(await api(h.url, 'GET', '/v1/stats?since=2020-01-01&until=2021-01-01', {headers: asReader}), 400, 'bad-params');
	});

	it('the calendar: trading days and closures of a range, today\'s market state', async () => {
		const calendar = (await api(h.url, 'GET', '/v1/calendar?from=2026-09-28&to=2026-10-09', {headers: asReader})).body;
		expect(calendar).toMatchObject({
			from: '2026-09-28', to: '2026-10-09',
			tradingDays: ['2026-09-28', '2026-09-29', '2026-09-30', '2026-10-08', '2026-10-09'],
			closures: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
			isTradingDay: expect.any(Boolean) as boolean,
			marketPhase: expect.any(String) as string,
		});
		expectError(await api(h.url, 'GET', '/v1/calendar?from=2026-13-01', {headers: asReader}), 400, 'bad-params');
	});

	it('reload applies jobs.yaml; a broken file is 422 with positioned problems and the jobs stay', async () => {
		expect((await api(h.url, 'POST', '/v1/reload', {headers: asController})).body).toMatchObject({ok: true});
		const good = h.root.write('config/jobs.yaml.good', '');
		const {readFileSync, writeFileSync} = await import('node:fs');
		const text = readFileSync(`${h.root.dir}/config/jobs.yaml`, 'utf8');
		writeFileSync(good, text);
		writeFileSync(`${h.root.dir}/config/jobs.yaml`, text.replace('trigger: manual\n', 'trigger: manaul\n'));
		const broken = await api(h.url, 'POST', '/v1/reload', {headers: asController});
		expectError(broken, 422, 'invalid-config');
		expect((broken.body.problems as Array<{line: number}>)[0]!.line).toBeGreaterThan(1);
		writeFileSync(`${h.root.dir}/config/jobs.yaml`, text);
		expect((await api(h.url, 'POST', '/v1/reload', {headers: asController})).body).toMatchObject({ok: true});
	});

	it('heartbeat pings: success is up, fail is down; a job that is not a heartbeat is 409', async () => {
		expect((await api(h.url, 'POST', '/v1/heartbeats/beat', {headers: asController})).body).toMatchObject({job: 'beat', state: 'up', lastOutcome: 'success'});
		expect((await api(h.url, 'POST', '/v1/heartbeats/beat/start', {headers: asController})).body).toMatchObject({state: 'up'});
		expect((await api(h.url, 'GET', '/v1/heartbeats/beat/fail', {headers: asController})).body).toMatchObject({state: 'down'});
		expect(((await api(h.url, 'GET', '/v1/jobs/beat', {headers: asReader})).body.job as Json).overdue).toBe('heartbeat down');
		expect((await api(h.url, 'POST', '/v1/heartbeats/beat', {headers: asController})).body).toMatchObject({state: 'up'});
		expectError(await api(h.url, 'POST', '/v1/heartbeats/ok', {headers: asController}), 409, 'conflict');
		expectError(await api(h.url, 'POST', '/v1/heartbeats/nope', {headers: asController}), 404, 'not-found');
		expectError(await api(h.url, 'POST', '/v1/heartbeats/beat/maybe', {headers: asController}), 400, 'bad-params');
	});

	it('a body over the limit is 413; a body that is not JSON is 400; JSON errors everywhere', async () => {
		const big = {params: {blob: 'x'.repeat(70 * 1024)}};
		expectError(await api(h.url, 'POST', '/v1/jobs/ok/run', {headers: asController, body: big}), 413, 'too-large');
		expectError(await api(h.url, 'POST', '/v1/jobs/ok/run', {headers: asController, raw: '{not json', type: 'application/json'}), 400, 'bad-request');
	});
});
