/**
 * A `sage-console worker` stopped while it starts stops cleanly: stopped while it still waits for
 * Redis, it says it stopped having taken no run and exits 0 (it died of the signal, saying nothing);
 * stopped the moment it says it takes runs, it stops as any worker does and exits 0 (it could die of
 * the signal, its handlers not yet set, or crash with exit 1 on BullMQ's `Connection is closed.` for
 * queues closed before their connections were made). A real redis-server and the built binary.
 */
import {spawn} from 'node:child_process';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {RedisServer} from '../helpers/redis-server.js';
import {binary} from '../helpers/run-cli.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';
import {waitFor} from '../helpers/wait-for.js';
import {remoteJobs} from './remote-fixtures.js';

let redis: RedisServer;
let root: TempRoot;
const started: Array<ReturnType<typeof spawn>> = [];

beforeAll(async () => {
	redis = await RedisServer.start();
	root = makeTempRoot({...remoteJobs, 'config/jobs.yaml': `redis: ${redis.url()}\njobs:\n  - {id: remote_true, trigger: manual, command: ["true"], run_on: workers}\n`});
}, 30_000);

afterAll(async () => {
	for (const child of started) {
		if (child.exitCode === null && child.signalCode === null) {
			child.kill('SIGKILL');
		}
	}

	await redis?.remove();
	root?.remove();
});

/** A worker on the test's root and Redis: its output so far, and how it ended once it did. */
function startWorker() {
	const child = spawn(binary, ['worker', '--root', root.dir, '--queues', 'default'], {stdio: ['ignore', 'pipe', 'pipe']});
	started.push(child);
	let output = '';
	for (const stream of [child.stdout, child.stderr]) {
		stream.setEncoding('utf8').on('data', (chunk: string) => {
			output += chunk;
		});
	}

	const ended = new Promise<{code: number | null; signal: NodeJS.Signals | null}>(resolve => {
		child.once('exit', (code, signal) => resolve({code, signal}));
	});
	return {child, output: () => output, ended};
}

it('exits 0, saying it took no run, when stopped while it waits for Redis', async () => {
	await redis.stop();
	try {
		const worker = startWorker();
		await waitFor(() => worker.output().includes('ECONNREFUSED') || undefined, 20_000, `the worker to say Redis refused it (output so far: ${worker.output()})`);

		worker.child.kill('SIGTERM');
		const ended = await worker.ended;

		expect(ended, worker.output()).toEqual({code: 0, signal: null});
		expect(worker.output()).toContain('"msg":"stopping before it took any run"');
		expect(worker.output()).toContain('"msg":"worker stopped; it had taken no run"');
	} finally {
		await redis.startAgain();
	}
}, 40_000);

it('exits 0 when stopped the moment it says it takes runs, every time', async () => {
	for (let attempt = 1; attempt <= 6; attempt++) {
		const worker = startWorker();
		await waitFor(() => worker.output().includes('taking runs from default') || undefined, 20_000, `worker ${attempt} to take runs (output so far: ${worker.output()})`);
		worker.child.kill('SIGTERM');
		const ended = await worker.ended;

		expect(ended, `worker ${attempt}: ${worker.output()}`).toEqual({code: 0, signal: null});
		expect(worker.output()).toContain('"msg":"worker stopped"');
		expect(worker.output()).not.toContain('Connection is closed');
	}
}, 120_000);
