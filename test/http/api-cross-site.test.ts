/**
 * A browser page on another site cannot steer the API. With no token set (loopback only, the setup
 * the docs start with), a page open in the operator's browser could send requests that need no CORS
 * preflight to http://127.0.0.1:PORT with the right Host: `POST /v1/import` with a text/plain body (a
 * job list with any command), then `POST /v1/jobs/JOB/run`. The headers here are the ones browsers
 * send; curl and scripts send none of them. A real scheduling host on 127.0.0.1, real HTTP.
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {api, apiJobs, endedRun, expectError} from './api-fixtures.js';
import {startApiHost, type ApiHost} from './api-host.js';

let h: ApiHost;

beforeAll(async () => {
	h = await startApiHost(apiJobs);
});

afterAll(async () => {
	await h.close();
});

const evilJobs = 'jobs:\n  - {id: pwned, trigger: manual, command: ["sh", "-c", "touch pwned"]}\n';

it('a cross-site POST from a page (Origin of another site) is 403 bad-origin, and jobs.yaml is untouched', async () => {
	const before = readFileSync(path.join(h.root.dir, 'config/jobs.yaml'), 'utf8');
	const imported = await api(h.url, 'POST', '/v1/import', {headers: {origin: 'http://evil.example', 'sec-fetch-site': 'cross-site'}, raw: evilJobs, type: 'text/plain'});
	expectError(imported, 403, 'bad-origin');
	expect(imported.body.message).toBe('a browser page on another site cannot use this API (Sec-Fetch-Site: cross-site)');
	// An older browser: an Origin, no Sec-Fetch-Site.
	const run = await api(h.url, 'POST', '/v1/jobs/ok/run', {headers: {origin: 'http://evil.example'}});
	expectError(run, 403, 'bad-origin');
	expect(run.body.message).toBe('a browser page from http://evil.example cannot use this API (only its own origin)');
	expectError(await api(h.url, 'POST', '/v1/jobs/ok/run', {headers: {origin: 'null'}}), 403, 'bad-origin');
	expect(readFileSync(path.join(h.root.dir, 'config/jobs.yaml'), 'utf8')).toBe(before);
});

it('a cross-site GET (an <img> pinging a heartbeat) is 403 too', async () => {
	expectError(await api(h.url, 'GET', '/v1/heartbeats/beat', {headers: {'sec-fetch-site': 'same-site'}}), 403, 'bad-origin');
	const beat = (await api(h.url, 'GET', '/v1/jobs/beat')).body.job as {heartbeat: {state: string}};
	expect(beat.heartbeat.state).toBe('new');
});

it('curl (no browser headers), an address typed into the browser, and the API\'s own origin are served', async () => {
	const own = new URL(h.url).host;
	const runId = (await api(h.url, 'POST', '/v1/jobs/ok/run', {headers: {origin: `http://${own}`, 'sec-fetch-site': 'same-origin'}})).body.runId as number;
	expect(await endedRun(h.url, runId)).toMatchObject({status: 'success'});
	expect((await api(h.url, 'GET', '/v1/status', {headers: {'sec-fetch-site': 'none'}})).status).toBe(200);
	expect((await api(h.url, 'GET', '/v1/health')).status).toBe(200);
});
