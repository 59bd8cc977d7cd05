/**
 * The two streams, `GET /v1/events` and a run's log with `?follow=1`, asked as a monitor or a script
 * asks them: HEAD (is it there, am I let in?) gets the headers at once, and a follow switch that is
 * neither yes nor no is refused rather than read as a one-off read. A real scheduling host, real HTTP.
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

/** A HEAD request; its status and content type, or undefined when no answer came within `ms`. */
async function head(path: string, ms = 3000): Promise<{status: number; type: string | null} | undefined> {
	try {
		const response = await fetch(`${h.url}${path}`, {method: 'HEAD', headers: asReader, signal: AbortSignal.timeout(ms)});
		return {status: response.status, type: response.headers.get('content-type')};
	} catch {
		return undefined;
	}
}

it('HEAD /v1/events answers its headers at once, not a stream that never says anything', async () => {
	expect(await head('/v1/events')).toEqual({status: 200, type: 'text/event-stream; charset=utf-8'});
});

it('HEAD on a live run\'s followed log answers at once, not when the run ends', async () => {
	const started = await api(h.url, 'POST', '/v1/jobs/slow/run', {headers: asController});
	const runId = started.body.runId as number;
	expect(await head(`/v1/runs/${runId}/log?follow=1`, 1000)).toEqual({status: 200, type: 'application/x-ndjson; charset=utf-8'});
	await endedRun(h.url, runId);
});

it('?follow= with a value that is neither yes nor no is 400, not a one-off read', async () => {
	const answer = await api(h.url, 'POST', '/v1/jobs/ok/run', {headers: asController});
	const runId = answer.body.runId as number;
	await endedRun(h.url, runId);
	const refused = await api(h.url, 'GET', `/v1/runs/${runId}/log?follow=on`, {headers: asReader});
	expectError(refused, 400, 'bad-params');
	expect(refused.body.message).toBe('query follow must be 1, true or yes (or 0, false, no), not "on"');
	const once = await api(h.url, 'GET', `/v1/runs/${runId}/log?follow=0`, {headers: asReader});
	expect(once.body).toMatchObject({finished: true});
});
