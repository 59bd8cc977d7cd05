/**
 * `POST /v1/runs/:id/retry` twice on the same run, as a curl loop or two operators would: the second is
 * refused while the first retry is still going, naming it. A real scheduling host on 127.0.0.1, real HTTP.
 */
import {expect, it} from 'vitest';
import {apiHostForFile} from '../helpers/api-host-for-file.js';
import {api, apiJobs, asController, endedRun, expectError} from './api-fixtures.js';

const h = apiHostForFile(apiJobs);

it('a second retry of a cancelled run while its retry runs is 409 naming the retry; no second attempt 2 is made', async () => {
	const started = await api(h.url, 'POST', '/v1/jobs/slow/run', {headers: asController});
	const runId = started.body.runId as number;
	expect((await api(h.url, 'POST', `/v1/runs/${runId}/cancel`, {headers: asController})).status).toBe(200);
	await endedRun(h.url, runId);

	const first = await api(h.url, 'POST', `/v1/runs/${runId}/retry`, {headers: asController});
	expect(first.status).toBe(202);
	const retryId = first.body.runId as number;
	const second = await api(h.url, 'POST', `/v1/runs/${runId}/retry`, {headers: asController});
	expectError(second, 409, 'not-started');
	expect(second.body.message).toMatch(new RegExp(`^run ${runId} is already being retried as run ${retryId} \\((queued|running)\\)$`));
	const retries = await api(h.url, 'GET', '/v1/runs?job=slow&trigger=retry', {headers: asController});
	expect((retries.body.runs as Array<{id: number}>).map(run => run.id)).toEqual([retryId]);
	await api(h.url, 'POST', `/v1/runs/${retryId}/cancel`, {headers: asController});
});
