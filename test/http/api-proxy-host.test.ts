/**
 * An API behind a reverse proxy: `allowed_hosts: [sage.box.lan]` takes the Host the proxy forwards.
 * nginx's `proxy_set_header Host $host` sends the name alone, with no port; it was refused as bad-host,
 * so the setup the docs describe ("add the proxy's name to allowed_hosts") answered 403 to everything.
 * A real scheduling host on 127.0.0.1, requests with the Host a proxy sends.
 */
import {afterAll, beforeAll, expect, it} from 'vitest';
import {apiJobs} from './api-fixtures.js';
import {rawRequest, startApiHost, type ApiHost} from './api-host.js';

let h: ApiHost;

beforeAll(async () => {
	h = await startApiHost(apiJobs.replace('  body_limit: 64kb', '  body_limit: 64kb\n  allowed_hosts: [sage.box.lan, "ops.box.lan:8443"]'));
});

afterAll(async () => {
	await h.close();
});

it('serves the Host a proxy forwards: an allowed name alone, in any case, or with the port it was given', async () => {
	const port = new URL(h.url).port;
	for (const host of ['sage.box.lan', 'SAGE.box.lan', `sage.box.lan:${port}`, 'ops.box.lan:8443']) {
		const answer = await rawRequest(`${h.url}/v1/health`, {host});
		expect({host, status: answer.status}).toEqual({host, status: 200});
	}
});

it('still refuses names not allowed, and an allowed name on a port it was not given', async () => {
	for (const host of ['evil.example', 'ops.box.lan', 'ops.box.lan:443', 'sage.box.lan.evil.example']) {
		const answer = await rawRequest(`${h.url}/v1/health`, {host});
		expect({host, status: answer.status, error: (JSON.parse(answer.body) as {error: string}).error}).toEqual({host, status: 403, error: 'bad-host'});
	}
});

it('a page served through the proxy (its Origin an allowed name) is the API\'s own, whatever Host the proxy forwards', async () => {
	const port = new URL(h.url).port;
	const answer = await fetch(`${h.url}/v1/jobs/nightly/pause`, {method: 'POST', headers: {origin: 'https://sage.box.lan', 'sec-fetch-site': 'same-origin'}});
	expect(answer.status).toBe(200);
	const other = await fetch(`${h.url}/v1/jobs/nightly/resume`, {method: 'POST', headers: {origin: `http://evil.example:${port}`}});
	expect(other.status).toBe(403);
});
