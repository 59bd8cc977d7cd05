/**
 * `POST /v1/runs/:id/retry` of a run whose retry failed and waits for its own next attempt: refused
 * naming the chain's live run, not a second attempt 2 beside it. A real scheduling host on 127.0.0.1,
 * real HTTP; the backoff is long, so the waiting attempt stays waiting while the test asks.
 */
import {afterAll, beforeAll, expect, it} from 'vitest';
import {api, asController, endedRun, expectError, tokens} from './api-fixtures.js';
import {startApiHost, type ApiHost} from './api-host.js';

let h: ApiHost;

beforeAll(async () => {
	h = await startApiHost(`warm_workers: 0
http: {listen: "127.0.0.1:0"}
jobs:
  - {id: fails, trigger: manual, command: ["sh", "-c", "exit 3"], retries: 2, retry_backoff: 10m}
`, {tokens});
});

afterAll(async () => {
	await h.close();
});

it('retrying run 1 while its retry, run 2, failed and waits for attempt 3 is 409 naming run 2; no second attempt 2 is made', async () => {
	const firstId = (await api(h.url, 'POST', '/v1/jobs/fails/run', {headers: asController})).body.runId as number;
	expect(await endedRun(h.url, firstId)).toMatchObject({status: 'failed'});
	// Attempt 2, asked for now instead of after its backoff; it fails too, and its attempt 3 waits for its own.
	const retried = await api(h.url, 'POST', `/v1/runs/${firstId}/retry`, {headers: asController});
	expect(retried.status).toBe(202);
	const retryId = retried.body.runId as number;
	expect(await endedRun(h.url, retryId)).toMatchObject({status: 'failed', attempt: 2});
	expect((await api(h.url, 'GET', `/v1/runs/${retryId}`, {headers: asController})).body.nextAttempt).toMatchObject({attempt: 3});

	const again = await api(h.url, 'POST', `/v1/runs/${firstId}/retry`, {headers: asController});
	expectError(again, 409, 'not-started');
	expect(again.body.message).toBe(`run ${firstId} is already being retried as run ${retryId} (failed), whose attempt 3 waits for its backoff: retry run ${retryId} to run it now`);
	const retries = await api(h.url, 'GET', '/v1/runs?job=fails&trigger=retry', {headers: asController});
	expect((retries.body.runs as Array<{id: number}>).map(run => run.id)).toEqual([retryId]);
});
