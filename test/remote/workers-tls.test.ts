/**
 * Redis over TLS with real parts: a private CA, a server certificate for 127.0.0.1 and a client
 * certificate made by `openssl` in the root, a real redis-server listening on a TLS port only and
 * asking for client certificates, the scheduling host a console runs, and real `sage-console worker`
 * processes. A run on workers goes through TLS both ways (result back, history names the worker),
 * whether the worker takes its TLS files from jobs.yaml or from SAGE_REDIS_*_FILE; a console that
 * does not trust the server's certificate fails the run fast, saying it is TLS and why.
 */
import {spawn} from 'node:child_process';
import {copyFileSync, mkdirSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {resolvePaths} from '../../src/host/paths.js';
import {SchedulerHost} from '../../src/host/scheduler-host.js';
import {RedisServer} from '../helpers/redis-server.js';
import {binary} from '../helpers/run-cli.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';
import {makeTlsFiles} from '../helpers/tls-files.js';
import {waitFor} from '../helpers/wait-for.js';
import type {WorkerProcess} from '../helpers/worker-process.js';
import {finished, onWorker, remoteJobs, rowsOf} from './remote-fixtures.js';

const jobs = `jobs:
  - {id: steps, trigger: manual, module: jobs/steps.ts, params: {steps: 2, ms: 20}, run_on: workers, queue: secure}
  - {id: steps_env, trigger: manual, module: jobs/steps.ts, params: {steps: 2, ms: 20}, run_on: workers, queue: by_env}
`;

/** jobs.yaml's redis: block for `url`, trusting `ca` (a file of config/tls/). */
const redisBlock = (url: string, ca: string) => `redis:
  url: ${url}
  tls: {ca_file: config/tls/${ca}, cert_file: config/tls/client.pem, key_file: config/tls/client.key}
`;

let redis: RedisServer;
let root: TempRoot;
let host: SchedulerHost | undefined;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
	root = makeTempRoot(remoteJobs);
	const tls = makeTlsFiles(path.join(root.dir, 'config/tls'));
	redis = await RedisServer.start({tls: {certFile: tls.serverCertFile, keyFile: tls.serverKeyFile, caFile: tls.caFile, authClients: true}});
	root.write('config/jobs.yaml', redisBlock(redis.url(), 'ca.pem') + jobs);
	host = SchedulerHost.open({paths: resolvePaths({root: root.dir}), logToStdout: false, schedules: true});
	await host.start();
}, 30_000);

afterAll(async () => {
	await host?.close('cancel');
	for (const worker of workers) {
		worker.child.kill('SIGKILL');
		await worker.exited;
	}

	await redis?.remove();
	root?.remove();
}, 30_000);

/** A real `sage-console worker` on the root with these flags and environment (its name once it takes runs). */
function spawnWorker(args: string[], env: Record<string, string> = {}): WorkerProcess {
	const child = spawn(binary, ['worker', '--root', root.dir, ...args], {stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, ...env}});
	let output = '';
	for (const stream of [child.stdout, child.stderr]) {
		stream.setEncoding('utf8').on('data', (chunk: string) => {
			output += chunk;
		});
	}

	const exited = new Promise<number | null>(resolve => {
		child.once('exit', code => resolve(code));
	});
	const worker: WorkerProcess = {child, pid: child.pid!, name: '', output: () => output, exited};
	workers.push(worker);
	return worker;
}

/** A worker as above, once it takes runs. */
async function startWorker(args: string[], env: Record<string, string> = {}): Promise<WorkerProcess> {
	const worker = spawnWorker(args, env);
	worker.name = await waitFor(() => /"worker":"([^"]+)"/.exec(worker.output())?.[1], 20_000, `worker ${worker.pid} to take runs (output so far: ${worker.output()})`);
	return worker;
}

const tlsFile = (name: string) => path.join(root.dir, 'config/tls', name);

describe('Redis over TLS', () => {
	it('carries a run out on a worker that takes Redis and its TLS files from jobs.yaml; the result comes back and history names the worker', async () => {
		// No --redis: the worker reads jobs.yaml for the rediss:// URL and its tls: block.
		const worker = await startWorker(['--queues', 'secure']);
		expect(worker.output()).toContain(`"redis":"${redis.url()}"`);
		const submitted = host!.scheduler.submit('steps', {params: {label: 'tls'}});
		expect(submitted.ok).toBe(true);
		const runId = submitted.run!.id;
		expect(await onWorker(host!, runId)).toBe(worker.name);
		const record = await finished(host!, runId, 20_000);
		expect(record.status).toBe('success');
		expect((record.result as {pid: number; params: {label: string}})).toMatchObject({pid: worker.pid, params: {label: 'tls'}});
		expect(rowsOf(root.dir, 'steps').find(row => row.id === runId)?.worker).toBe(worker.name);
	}, 30_000);

	it('carries a run out on a worker given its TLS files by SAGE_REDIS_CA_FILE, SAGE_REDIS_CERT_FILE and SAGE_REDIS_KEY_FILE', async () => {
		// --redis and --queues: the worker reads no jobs.yaml, so its TLS files come from the environment alone.
		const worker = await startWorker(['--redis', redis.url(), '--queues', 'by_env'], {SAGE_REDIS_CA_FILE: tlsFile('ca.pem'), SAGE_REDIS_CERT_FILE: tlsFile('client.pem'), SAGE_REDIS_KEY_FILE: tlsFile('client.key')});
		const runId = host!.scheduler.submit('steps_env', {}).run!.id;
		const record = await finished(host!, runId, 20_000);
		expect(record.status).toBe('success');
		expect(rowsOf(root.dir, 'steps_env').find(row => row.id === runId)?.worker).toBe(worker.name);
	}, 30_000);

	it('fails a run fast, naming TLS and the reason, when the console does not trust the server\'s certificate', async () => {
		const other = makeTempRoot(remoteJobs);
		mkdirSync(path.join(other.dir, 'config/tls'), {recursive: true});
		for (const name of ['other-ca.pem', 'client.pem', 'client.key']) {
			copyFileSync(path.join(root.dir, 'config/tls', name), path.join(other.dir, 'config/tls', name));
		}

		other.write('config/jobs.yaml', redisBlock(redis.url(), 'other-ca.pem') + jobs);
		const otherHost = SchedulerHost.open({paths: resolvePaths({root: other.dir}), logToStdout: false, schedules: true});
		try {
			await otherHost.start();
			const started = Date.now();
			const runId = otherHost.scheduler.submit('steps', {}).run!.id;
			const record = await finished(otherHost, runId, 20_000);
			// The link's 1.5 s wait for Redis and a loaded box's margin, not a run left waiting for good.
			expect(Date.now() - started).toBeLessThan(10_000);
			expect(record.status).toBe('failed');
			expect(record.error?.type).toBe('RedisUnreachable');
			expect(record.error?.message).toBe(`Redis unreachable at ${redis.url()} (TLS: self-signed certificate in certificate chain (SELF_SIGNED_CERT_IN_CHAIN): the server's certificate is not signed by a CA this side trusts (redis.tls.ca_file, SAGE_REDIS_CA_FILE)): runs on workers cannot start`);
		} finally {
			await otherHost.close('cancel');
			other.remove();
		}
	}, 30_000);

	it('a worker that does not trust the server\'s certificate logs the TLS reason', async () => {
		const worker = spawnWorker(['--redis', redis.url(), '--queues', 'untrusting'], {SAGE_REDIS_CA_FILE: tlsFile('other-ca.pem'), SAGE_REDIS_CERT_FILE: tlsFile('client.pem'), SAGE_REDIS_KEY_FILE: tlsFile('client.key')});
		await waitFor(() => worker.output().includes('Redis: TLS: self-signed certificate in certificate chain (SELF_SIGNED_CERT_IN_CHAIN): the server\'s certificate is not signed by a CA this side trusts'), 20_000, 'the worker to log the TLS reason');
	}, 30_000);
});
