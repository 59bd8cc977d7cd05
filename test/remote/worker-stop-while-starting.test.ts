/**
 * A `sage-console worker` stopped while it starts stops cleanly: stopped while it still waits for
 * Redis, it says it stopped having taken no run and exits 0 (it died of the signal, saying nothing);
 * stopped the moment it says it takes runs, it stops as any worker does and exits 0 (it could die of
 * the signal, its handlers not yet set, or crash with exit 1 on BullMQ's `Connection is closed.` for
 * queues closed before their connections were made). A real redis-server and the built binary.
 */
import {afterAll, beforeAll, expect, it} from 'vitest';
import {RedisServer} from '../helpers/redis-server.js';
import {SpawnedWorkers} from '../helpers/spawned-workers.js';
import type {TempRoot} from '../helpers/temp-root.js';
import {waitFor} from '../helpers/wait-for.js';
import {remoteTrueRoot} from './remote-fixtures.js';

let redis: RedisServer;
let root: TempRoot;
const workers = new SpawnedWorkers();

beforeAll(async () => {
	redis = await RedisServer.start();
	root = remoteTrueRoot(redis.url());
}, 30_000);

afterAll(async () => {
	workers.killAll();
	await redis?.remove();
	root?.remove();
});

const startWorker = () => workers.start(root.dir);

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
