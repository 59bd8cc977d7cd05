/** Who may use the API: tokens and scopes, the Host check, loopback-only without tokens. */
import {chmodSync} from 'node:fs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ApiTokens, TokenConfigError} from '../../src/http/api-tokens.js';
import {HttpListenError, startHttpServer} from '../../src/http/http-server.js';
import {makeTempRoot} from '../helpers/temp-root.js';
import {api, apiJobs, asController, asReader, controlToken, expectError, tokens} from './api-fixtures.js';
import {rawRequest, startApiHost, type ApiHost} from './api-host.js';

let h: ApiHost;

beforeAll(async () => {
	h = await startApiHost(apiJobs, {tokens});
});

afterAll(async () => {
	await h.close();
});

describe('bearer tokens and scopes', () => {
	it('no token, a wrong token, a malformed header: 401 with a JSON body and WWW-Authenticate', async () => {
		expectError(await api(h.url, 'GET', '/v1/status'), 401, 'unauthorized');
		expectError(await api(h.url, 'GET', '/v1/status', {headers: {authorization: 'Bearer not-a-token-of-ours-123'}}), 401, 'unauthorized');
		expectError(await api(h.url, 'GET', '/v1/status', {headers: {authorization: `Basic ${controlToken}`}}), 401, 'unauthorized');
		// A token's prefix is not the token.
		expectError(await api(h.url, 'GET', '/v1/status', {headers: {authorization: `Bearer ${controlToken.slice(0, -1)}`}}), 401, 'unauthorized');
		const response = await fetch(`${h.url}/v1/runs`);
		expect(response.headers.get('www-authenticate')).toBe('Bearer realm="sage-console"');
	});

	it('a read token reads but cannot steer (403); a control token does both', async () => {
		expect((await api(h.url, 'GET', '/v1/status', {headers: asReader})).status).toBe(200);
		expectError(await api(h.url, 'POST', '/v1/jobs/ok/run', {headers: asReader}), 403, 'forbidden');
		expectError(await api(h.url, 'POST', '/v1/scheduler/pause', {headers: asReader}), 403, 'forbidden');
		expectError(await api(h.url, 'POST', '/v1/heartbeats/beat', {headers: asReader}), 403, 'forbidden');
		expectError(await api(h.url, 'DELETE', '/v1/jobs/ok', {headers: asReader}), 403, 'forbidden');
		expect((await api(h.url, 'GET', '/v1/status', {headers: asController})).status).toBe(200);
		expect((await api(h.url, 'POST', '/v1/jobs/nightly/pause', {headers: asController})).body).toEqual({changed: true, stopped: {runs: [], attempts: []}});
		expect((await api(h.url, 'POST', '/v1/jobs/nightly/resume', {headers: asController})).body).toEqual({changed: true});
	});

	it('health needs no token; /metrics does unless metrics_public', async () => {
		const health = await api(h.url, 'GET', '/v1/health');
		expect(health).toMatchObject({status: 200, body: {ok: true, paused: false}});
		expectError(await api(h.url, 'GET', '/metrics'), 401, 'unauthorized');
		expect((await fetch(`${h.url}/metrics`, {headers: asReader})).status).toBe(200);
	});

	it('an unknown route answers 401 to a stranger and 404 JSON to a token holder', async () => {
		expectError(await api(h.url, 'GET', '/v1/nothing-here'), 401, 'unauthorized');
		expectError(await api(h.url, 'GET', '/v1/nothing-here', {headers: asReader}), 404, 'not-found');
	});
});

describe('the Host check against DNS rebinding', () => {
	it('refuses a Host that is not the API\'s (403 JSON) and serves loopback names on its port', async () => {
		const port = new URL(h.url).port;
		const evil = await rawRequest(`${h.url}/v1/health`, {host: `evil.example:${port}`});
		expect(evil.status).toBe(403);
		expect(JSON.parse(evil.body)).toMatchObject({error: 'bad-host'});
		const otherPort = await rawRequest(`${h.url}/v1/health`, {host: '127.0.0.1:1'});
		expect(otherPort.status).toBe(403);
		for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
			expect((await rawRequest(`${h.url}/v1/health`, {host})).status).toBe(200);
		}
	});
});

describe('without tokens', () => {
	it('serves loopback without a token', async () => {
		const open = await startApiHost(apiJobs);
		try {
			expect((await api(open.url, 'GET', '/v1/status')).status).toBe(200);
			expect((await api(open.url, 'POST', '/v1/jobs/nightly/pause')).status).toBe(200);
		} finally {
			await open.close();
		}
	});

	it('refuses to listen beyond loopback, and the host says why and runs on', async () => {
		await expect(startHttpServer({listen: '0.0.0.0:0', tokens: ApiTokens.load(undefined, undefined), allowedHosts: [], metricsPublic: false, bodyLimitBytes: 1024, client: {request: async () => ({}) as never}, events: {on: () => () => undefined}}))
			.rejects.toBeInstanceOf(HttpListenError);
		const wide = await startApiHost(apiJobs.replace('"127.0.0.1:0"', '"0.0.0.0:0"'));
		try {
			expect(wide.host.apiUrl).toBeUndefined();
			expect(wide.host.scheduler.snapshot().notices.join('\n')).toContain('HTTP API off: the HTTP API listens beyond loopback (0.0.0.0:0) only with a token');
		} finally {
			await wide.close();
		}
	});
});

describe('token settings', () => {
	it('a tokens file must be 0600; short or scope-less tokens are refused; no message shows a token', () => {
		const root = makeTempRoot({'tokens': `read:${'r'.repeat(20)}\n`});
		const file = root.write('tokens', `# ops\nread:${'r'.repeat(20)}\ncontrol:${'c'.repeat(20)}\n`);
		try {
			expect(() => ApiTokens.load(undefined, file)).toThrow(/readable by others \(mode 644\): chmod 600/);
			chmodSync(file, 0o600);
			const loaded = ApiTokens.load(undefined, file);
			expect([loaded.scopeOf('r'.repeat(20)), loaded.scopeOf('c'.repeat(20)), loaded.scopeOf('x'.repeat(20))]).toEqual(['read', 'control', undefined]);
			for (const bad of ['read:tiny1', `admin:${'a'.repeat(20)}`, 'x'.repeat(30)]) {
				const error = (() => {
					try {
						ApiTokens.load(bad, undefined);
					} catch (caught) {
						return caught as Error;
					}
				})();
				expect(error).toBeInstanceOf(TokenConfigError);
				expect(error!.message).not.toContain(bad.split(':').at(-1)!);
			}
		} finally {
			root.remove();
		}
	});
});
