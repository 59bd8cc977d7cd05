/**
 * jobs.yaml's `redis.tls` block: read when right, refused with positions when not (a tls: block with a
 * redis:// URL, a certificate without its key, an unknown key); and `sage-console validate` (the built
 * CLI) checks its files as the console and workers read them: there, and the key only its owner reads.
 */
import {chmodSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {parseJobsConfig} from '../../src/config/load-jobs-config.js';
import {configProblemsOf} from '../helpers/config-problems.js';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';

let root: TempRoot | undefined;
afterEach(() => {
	root?.remove();
	root = undefined;
});

const job = 'jobs:\n  - {id: train, trigger: manual, module: jobs/a.ts, run_on: workers}\n';
const tlsYaml = `redis:
  url: rediss://10.0.0.5:6380/0
  tls:
    ca_file: config/tls/ca.pem
    cert_file: config/tls/client.pem
    key_file: config/tls/client.key
${job}`;

/** The environment without SAGE_REDIS_* of the machine running the tests. */
const cleanEnv = {SAGE_REDIS_CA_FILE: '', SAGE_REDIS_CERT_FILE: '', SAGE_REDIS_KEY_FILE: '', SAGE_REDIS_PASSWORD: '', SAGE_REDIS_PASSWORD_FILE: ''};

function rootWithTlsFiles(keyMode: number): TempRoot {
	const made = makeTempRoot({'jobs/a.ts': 'export default () => 1;\n', 'config/jobs.yaml': tlsYaml});
	made.write('config/tls/ca.pem', '-----BEGIN CERTIFICATE-----\n');
	made.write('config/tls/client.pem', '-----BEGIN CERTIFICATE-----\n');
	chmodSync(made.write('config/tls/client.key', '-----BEGIN PRIVATE KEY-----\n'), keyMode);
	return made;
}

describe('redis.tls in jobs.yaml', () => {
	it('reads the CA, certificate and key files of a rediss:// URL, each optional', () => {
		root = makeTempRoot({'jobs/a.ts': 'export default () => 1;\n'});
		expect(parseJobsConfig(tlsYaml, 'config/jobs.yaml', root.dir).redis).toEqual({
			url: 'rediss://10.0.0.5:6380/0',
			tls: {caFile: 'config/tls/ca.pem', certFile: 'config/tls/client.pem', keyFile: 'config/tls/client.key'},
		});
		expect(parseJobsConfig(`redis: {url: "rediss://h:6380/0", tls: {ca_file: /etc/sage/ca.pem}}\n${job}`, 'config/jobs.yaml', root.dir).redis).toEqual({url: 'rediss://h:6380/0', tls: {caFile: '/etc/sage/ca.pem'}});
	});

	it('refuses a tls: block with a redis:// URL, a certificate without its key and an unknown key, with positions', () => {
		root = makeTempRoot({'jobs/a.ts': 'export default () => 1;\n'});
		expect(configProblemsOf(tlsYaml.replace('rediss://', 'redis://'), root.dir)).toEqual([
			'config/jobs.yaml:3:3: redis.tls needs a rediss:// url (TLS), not redis://',
		]);
		expect(configProblemsOf(`redis:\n  url: rediss://h:6380/0\n  tls: {ca_file: ca.pem, cert_file: client.pem}\n${job}`, root.dir)).toEqual([
			'config/jobs.yaml:3:26: redis.tls: cert_file and key_file go together (the client certificate and its key)',
		]);
		expect(configProblemsOf(`redis:\n  url: rediss://h:6380/0\n  tls: {ca: ca.pem}\n${job}`, root.dir)).toEqual([
			'config/jobs.yaml:3:9: unknown key "ca" in redis.tls',
		]);
	});

	it('validate: OK when the files are there and the key is 0600; a key others can read, or a missing CA, is a problem at its key', () => {
		root = rootWithTlsFiles(0o600);
		expect(runCli(['validate'], {cwd: root.dir, env: cleanEnv})).toMatchObject({code: 0, stdout: expect.stringMatching(/^OK: config\/jobs\.yaml \(1 job, 1 enabled\)/) as string});

		const key = path.join(root.dir, 'config/tls/client.key');
		chmodSync(key, 0o644);
		const open = runCli(['validate'], {cwd: root.dir, env: cleanEnv});
		expect(open.code).toBe(1);
		expect(open.stderr.split('\n')[0]).toBe(`config/jobs.yaml:6:5: Redis TLS key file ${key} is readable by others (mode 644): chmod 600 it; runs on workers cannot start`);

		chmodSync(key, 0o600);
		writeFileSync(path.join(root.dir, 'config/jobs.yaml'), tlsYaml.replace('tls/ca.pem', 'tls/no-such-ca.pem'));
		const missing = runCli(['validate'], {cwd: root.dir, env: cleanEnv});
		expect(missing.code).toBe(1);
		expect(missing.stderr.split('\n')[0]).toBe(`config/jobs.yaml:4:5: Redis TLS CA file ${path.join(root.dir, 'config/tls/no-such-ca.pem')}: not found; runs on workers cannot start`);
	});

	it('validate: SAGE_REDIS_KEY_FILE wins over jobs.yaml and is checked the same', () => {
		root = rootWithTlsFiles(0o600);
		const envKey = root.write('elsewhere/worker.key', '-----BEGIN PRIVATE KEY-----\n');
		chmodSync(envKey, 0o640);
		const result = runCli(['validate'], {cwd: root.dir, env: {...cleanEnv, SAGE_REDIS_KEY_FILE: envKey}});
		expect(result.code).toBe(1);
		expect(result.stderr.split('\n')[0]).toBe(`config/jobs.yaml:1:1: Redis TLS key file ${envKey} is readable by others (mode 640): chmod 600 it; runs on workers cannot start`);
	});
});
