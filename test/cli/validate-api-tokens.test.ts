/**
 * `validate` checks the HTTP API's tokens as the API's thread loads them at the start, through the built
 * CLI: a `tokens_file` others can read, or one that is not there, turns the API off, so validate says so
 * (at the `tokens_file` key, exit 1) instead of OK.
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

const jobs = `jobs:
  - {id: hello, trigger: manual, command: ["echo", "hello"]}
http:
  listen: "127.0.0.1:18480"
  tokens_file: config/api-tokens
`;

function rootWithTokensFile(mode: number): TempRoot {
	const made = makeTempRoot({'config/jobs.yaml': jobs});
	const file = path.join(made.dir, 'config', 'api-tokens');
	writeFileSync(file, 'read:readtoken-aaaaaaaaaaaaaaaa\n');
	chmodSync(file, mode);
	return made;
}

const noEnvTokens = {SAGE_API_TOKENS: ''};

describe('validate and the HTTP API\'s tokens_file', () => {
	it('a tokens_file others can read is a problem at its key: the API would not start', () => {
		root = rootWithTokensFile(0o644);
		const file = path.join(root.dir, 'config', 'api-tokens');
		const result = runCli(['validate'], {cwd: root.dir, env: noEnvTokens});
		expect(result.code).toBe(1);
		expect(result.stdout).toBe('');
		expect(result.stderr.split('\n')[0]).toBe(`config/jobs.yaml:5:3: http.tokens_file ${file} is readable by others (mode 644): chmod 600 ${file}; the HTTP API will not start`);
	});

	it('a tokens_file that is not there is a problem; one only its owner reads is OK', () => {
		root = rootWithTokensFile(0o600);
		expect(runCli(['validate'], {cwd: root.dir, env: noEnvTokens})).toMatchObject({code: 0, stdout: expect.stringMatching(/^OK: config\/jobs\.yaml \(1 job, 1 enabled\)/) as string});
		writeFileSync(path.join(root.dir, 'config', 'jobs.yaml'), jobs.replace('config/api-tokens', 'config/no-such-tokens'));
		const missing = runCli(['validate'], {cwd: root.dir, env: noEnvTokens});
		expect(missing.code).toBe(1);
		expect(missing.stderr).toMatch(/^config\/jobs\.yaml:5:3: http\.tokens_file \S+config\/no-such-tokens: not found; the HTTP API will not start\n/);
	});
});
