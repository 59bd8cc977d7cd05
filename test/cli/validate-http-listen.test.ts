/**
 * `validate` checks the HTTP API's address as the API's thread does at the start, through the built CLI:
 * a `listen` beyond loopback with no token leaves the API off, so validate says so at the `listen` key
 * (exit 1) instead of OK; with a token, or on loopback, it is OK.
 */
import {chmodSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';

let root: TempRoot | undefined;
afterEach(() => {
	root?.remove();
	root = undefined;
});

const jobsWithHttp = (http: string) => `jobs:
  - {id: hello, trigger: manual, command: ["echo", "hello"]}
http:
${http}`;

const noEnvTokens = {SAGE_API_TOKENS: ''};

function validate(http: string, env: Record<string, string> = noEnvTokens) {
	root = makeTempRoot({'config/jobs.yaml': jobsWithHttp(http)});
	return runCli(['validate'], {cwd: root.dir, env});
}

describe('validate and the HTTP API\'s listen address', () => {
	it('a listen beyond loopback with no token is a problem at its key: the API would not start', () => {
		const result = validate('  metrics_public: true\n  listen: "0.0.0.0:8470"\n');
		expect(result.code).toBe(1);
		expect(result.stdout).toBe('');
		expect(result.stderr.trim().split('\n')).toEqual([
			'config/jobs.yaml:5:3: http.listen "0.0.0.0:8470" is beyond loopback and no API token is set (SAGE_API_TOKENS or http.tokens_file); the HTTP API will not start',
			'1 problem; nothing was loaded from this file',
		]);
	});

	it('in flow style too, and with a tokens file that holds no token', () => {
		root = makeTempRoot({'config/jobs.yaml': jobsWithHttp('  {listen: "10.0.0.5:8470", tokens_file: config/api-tokens}\n')});
		const tokens = path.join(root.dir, 'config', 'api-tokens');
		writeFileSync(tokens, '# filled in at deploy time\n');
		chmodSync(tokens, 0o600);
		const result = runCli(['validate'], {cwd: root.dir, env: noEnvTokens});
		expect(result.code).toBe(1);
		expect(result.stderr.split('\n')[0]).toBe('config/jobs.yaml:4:4: http.listen "10.0.0.5:8470" is beyond loopback and http.tokens_file config/api-tokens holds no token and SAGE_API_TOKENS is not set; the HTTP API will not start');
	});

	it('beyond loopback with a token (a tokens file, or SAGE_API_TOKENS), and loopback without one, are OK; beyond loopback, with the plain-HTTP warning', () => {
		const cleartext = /^\S*jobs\.yaml:\d+:\d+: warning: the HTTP API listens on 0\.0\.0\.0:8470, beyond loopback, over plain HTTP: [^\n]*\n$/;
		root = makeTempRoot({'config/jobs.yaml': jobsWithHttp('  listen: "0.0.0.0:8470"\n  tokens_file: config/api-tokens\n')});
		const tokens = path.join(root.dir, 'config', 'api-tokens');
		writeFileSync(tokens, 'read:readtoken-aaaaaaaaaaaaaaaa\n');
		chmodSync(tokens, 0o600);
		expect(runCli(['validate'], {cwd: root.dir, env: noEnvTokens})).toMatchObject({code: 0, stderr: expect.stringMatching(cleartext)});
		root.remove();

		expect(validate('  listen: "0.0.0.0:8470"\n', {SAGE_API_TOKENS: 'control:controltoken-bbbbbbbbbbbbbbbb'})).toMatchObject({code: 0, stderr: expect.stringMatching(cleartext)});
		root.remove();
		for (const listen of ['127.0.0.1:8470', 'localhost:8470', '[::1]:8470']) {
			expect(validate(`  listen: "${listen}"\n`)).toMatchObject({code: 0, stderr: ''});
			root.remove();
		}
	});
});
