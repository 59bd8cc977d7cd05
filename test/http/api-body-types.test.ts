/**
 * A body of a type the API does not read is 415 on every route that takes a body, naming the type sent
 * and the one the route reads; text/plain included (Fastify reads it as a string by default, and a JSON
 * route refused that as a schema error, 400, as if the JSON were wrong). Heartbeat pings still take any
 * body. A real scheduling host on 127.0.0.1, real HTTP.
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {api, apiJobs, asController, expectError, tokens} from './api-fixtures.js';
import {startApiHost, type ApiHost} from './api-host.js';

let h: ApiHost;

beforeAll(async () => {
	h = await startApiHost(apiJobs, {tokens});
});

afterAll(async () => {
	await h.close();
});

/** Every route that reads a JSON body, or none (`{}`). */
const jsonRoutes: Array<[string, string]> = [
	['POST', '/v1/jobs/ok/run'],
	['POST', '/v1/jobs/ok/pause'],
	['POST', '/v1/jobs/ok/resume'],
	['POST', '/v1/runs/1/cancel'],
	['POST', '/v1/runs/1/retry'],
	['POST', '/v1/scheduler/pause'],
	['POST', '/v1/scheduler/resume'],
	['POST', '/v1/reload'],
	['PUT', '/v1/jobs/ok'],
	['DELETE', '/v1/jobs/ok'],
	['POST', '/v1/services/feed/start'],
	['POST', '/v1/services/feed/stop'],
	['POST', '/v1/services/feed/restart'],
];

it('a heartbeat ping still takes a text/plain body (a pinger\'s output)', async () => {
	const ping = await api(h.url, 'POST', '/v1/heartbeats/beat', {headers: asController, raw: 'exported 1,204 rows', type: 'text/plain'});
	expect(ping.status).toBe(200);
	expect(ping.body).toMatchObject({job: 'beat', lastOutcome: 'success'});
});

it('a text/plain body is 415 on every route that reads JSON, naming application/json, whatever it says', async () => {
	for (const [method, route] of jsonRoutes) {
		const answer = await api(h.url, method, route, {headers: asController, raw: '{"params": {}}', type: 'text/plain'});
		expectError(answer, 415, 'unsupported-media-type');
		expect(answer.body.message).toBe(`${method} ${route} does not read a body of type text/plain: it reads JSON (application/json)`);
	}

	const withCharset = await api(h.url, 'POST', '/v1/jobs/ok/run', {headers: asController, raw: 'run it', type: 'text/plain; charset=utf-8'});
	expect(withCharset.body.message).toBe('POST /v1/jobs/ok/run does not read a body of type text/plain; charset=utf-8: it reads JSON (application/json)');
	// Nothing was run, paused or edited.
	expect((await api(h.url, 'GET', '/v1/runs?job=ok', {headers: asController})).body.runs).toEqual([]);
	expect((await api(h.url, 'GET', '/v1/jobs/ok', {headers: asController})).body.job).toMatchObject({paused: false});
});

it('a text/plain job list to /v1/import is 415 naming JSON and YAML, and jobs.yaml is untouched; application/yaml is read', async () => {
	const file = path.join(h.root.dir, 'config/jobs.yaml');
	const before = readFileSync(file, 'utf8');
	const plain = await api(h.url, 'POST', '/v1/import', {headers: asController, raw: 'jobs:\n  - {id: other, trigger: manual, command: ["true"]}\n', type: 'text/plain'});
	expectError(plain, 415, 'unsupported-media-type');
	expect(plain.body.message).toBe('POST /v1/import does not read a body of type text/plain: it reads JSON (application/json) or YAML (application/yaml)');
	expect(readFileSync(file, 'utf8')).toBe(before);
	const yaml = await api(h.url, 'POST', '/v1/import?dry_run=1', {headers: asController, raw: 'jobs:\n  - {id: other, trigger: manual, command: ["true"]}\n', type: 'application/yaml'});
	expect(yaml.status).toBe(200);
	expect(yaml.body).toMatchObject({ok: true, added: ['other'], written: false});
});
