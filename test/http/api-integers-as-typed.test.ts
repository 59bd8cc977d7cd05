/**
 * A run id in a path, and an integer in a query, is taken as digits only, as `sage-console show 1e3` is
 * refused: `/v1/runs/0x1`, `/v1/runs/1e0` and `?limit=1e1` are 400 naming what was sent. Before, Ajv's
 * coercion read them with Number(): `/v1/runs/0x1` answered run 1 (and `POST /v1/runs/0x1/cancel`
 * cancelled it), and an id past 2^53 was refused as a number nobody sent.
 */
import {afterAll, beforeAll, expect, it} from 'vitest';
import {api, apiJobs, asController, asReader, endedRun, expectError, tokens} from './api-fixtures.js';
import {startApiHost, type ApiHost} from './api-host.js';

let h: ApiHost;

beforeAll(async () => {
	h = await startApiHost(apiJobs, {tokens});
});

afterAll(async () => {
	await h.close();
});

it('integers in paths and queries are digits: anything Number() would read otherwise is 400, saying what was sent', async () => {
	const started = await api(h.url, 'POST', '/v1/jobs/ok/run', {headers: asController});
	expect(started.status).toBe(202);
	const runId = started.body.runId as number;
	await endedRun(h.url, runId);
	expect((await api(h.url, 'GET', `/v1/runs/${runId}`, {headers: asReader})).status).toBe(200);

	const refusals: Array<[string, string, string]> = [
		['GET', `/v1/runs/0x${runId.toString(16)}`, `params id must be an integer, not "0x${runId.toString(16)}"`],
		['GET', `/v1/runs/${runId}e0`, `params id must be an integer, not "${runId}e0"`],
		['POST', `/v1/runs/${runId}.0/retry`, `params id must be an integer, not "${runId}.0"`],
		['GET', '/v1/runs/99999999999999999999', 'params id must be <= 9007199254740991, not 99999999999999999999'],
		['GET', '/v1/runs?limit=1e1', 'query limit must be an integer, not "1e1"'],
		['GET', `/v1/runs/${runId}/log?max_bytes=2e3`, 'query max_bytes must be an integer, not "2e3"'],
	];
	for (const [method, path, message] of refusals) {
		const answer = await api(h.url, method, path, {headers: asController});
		expectError(answer, 400, 'bad-params');
		expect(answer.body.message, path).toBe(message);
	}

	expect((await api(h.url, 'GET', '/v1/runs?limit=1', {headers: asReader})).status).toBe(200);
});
