/**
 * A browser's EventSource cannot send an Authorization header, so with tokens set the event stream
 * (and a followed run log) could not be opened from a browser at all. They take a read token as
 * `?access_token=` (RFC 6750 §2.3); no other route does, a control token is refused there (a URL is
 * kept in proxy logs and browser history), a page on another site is still refused, and the token
 * reaches neither an answer nor the scheduler's logs. A real scheduling host on 127.0.0.1, real HTTP.
 */
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {expect, it} from 'vitest';
import {apiHostForFile} from '../helpers/api-host-for-file.js';
import {api, apiJobs, asController, controlToken, endedRun, expectError, readToken} from './api-fixtures.js';
import {SseReader} from './api-host.js';

const h = apiHostForFile(apiJobs);

/** What a browser's `new EventSource('/v1/events?access_token=…')` sends from a page of the API's own origin. */
const eventSourceHeaders = {accept: 'text/event-stream', 'cache-control': 'no-cache', 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors'};

it('an EventSource with ?access_token= (a read token) gets the event stream; a followed run log reads the same way', async () => {
	const stream = new SseReader(`${h.url}/v1/events?access_token=${readToken}`, eventSourceHeaders);
	expect(await stream.open()).toBe(200);
	await stream.waitFor(event => event.event === 'snapshot');
	const run = await api(h.url, 'POST', '/v1/jobs/ok/run', {headers: asController});
	await stream.waitFor(event => event.event === 'run-finished' && (event.data as {id?: number}).id === run.body.runId);
	await stream.close();
	await endedRun(h.url, run.body.runId as number);
	const log = await fetch(`${h.url}/v1/runs/${String(run.body.runId)}/log?follow=1&access_token=${readToken}`, {headers: {'sec-fetch-site': 'same-origin'}});
	expect({status: log.status, text: await log.text()}).toMatchObject({status: 200, text: expect.stringMatching(/"msg":"hello"}\n.*"msg":"world"}/) as string});
	expect((await fetch(`${h.url}/v1/events?access_token=${readToken}`, {method: 'HEAD'})).status).toBe(200);
});

it('a control token in the URL is refused (403) without being repeated; a wrong one is 401', async () => {
	const control = await api(h.url, 'GET', `/v1/events?access_token=${controlToken}`);
	expectError(control, 403, 'forbidden');
	expect(control.body.message).toBe('a control token is not taken in a URL (?access_token=), where proxy logs and browser history keep it: give the URL a read token');
	const wrong = await api(h.url, 'GET', '/v1/runs/1/log?access_token=not-a-token-of-ours-123');
	expectError(wrong, 401, 'unauthorized');
	expect(wrong.body.message).toBe('the access_token is not one of this API\'s tokens');
	const none = await api(h.url, 'GET', '/v1/events');
	expect(none.body.message).toBe('this API needs a bearer token (Authorization: Bearer TOKEN or ?access_token=TOKEN)');
});

it('no other route takes a token in the URL, and says which do; a page on another site is still refused', async () => {
	const status = await api(h.url, 'GET', `/v1/status?access_token=${readToken}`);
	expectError(status, 401, 'unauthorized');
	expect(status.body.message).toBe('this API needs a bearer token (Authorization: Bearer TOKEN; ?access_token= is taken only by GET /v1/events and GET /v1/runs/ID/log)');
	expectError(await api(h.url, 'POST', `/v1/jobs/nightly/pause?access_token=${controlToken}`), 401, 'unauthorized');
	expect((await api(h.url, 'GET', '/v1/jobs/nightly', {headers: asController})).body.job).toMatchObject({paused: false});
	const crossSite = await fetch(`${h.url}/v1/events?access_token=${readToken}`, {headers: {...eventSourceHeaders, 'sec-fetch-site': 'cross-site', origin: 'https://evil.example'}});
	expect(crossSite.status).toBe(403);
	expect(await crossSite.json()).toMatchObject({error: 'bad-origin'});
});

it('neither token is in any file the scheduler wrote under logs/', async () => {
	const dir = path.join(h.root.dir, 'logs');
	const files = readdirSync(dir, {recursive: true, withFileTypes: true}).filter(entry => entry.isFile()).map(entry => path.join(entry.parentPath, entry.name));
	expect(files.length).toBeGreaterThan(0);
	for (const file of files) {
		const text = readFileSync(file, 'utf8');
		expect({file, read: text.includes(readToken), control: text.includes(controlToken)}).toEqual({file, read: false, control: false});
	}
});
