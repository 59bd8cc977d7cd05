import {afterAll, afterEach, beforeAll} from 'vitest';
import {RedisServer} from './redis-server.js';
import {WorkerProcesses} from './worker-process.js';

/**
 * For a file of tests with workers: a redis-server started before its tests and removed after them
 * (not started when `when` is false, e.g. `hasTmux` for tests skipped without tmux), and `workers`,
 * whose processes are killed after each test. Call it at the top of the file; `redis()` is the server,
 * inside a test.
 */
export function redisAndWorkersForFile(options: {when?: boolean} = {}): {redis(): RedisServer; workers: WorkerProcesses} {
	const workers = new WorkerProcesses();
	let redis: RedisServer | undefined;
	beforeAll(async () => {
		if (options.when ?? true) {
			redis = await RedisServer.start();
		}
	}, 60_000);
	afterEach(async () => {
		await workers.killAll();
	});
	afterAll(async () => {
		await redis?.remove();
	}, 30_000);
	return {
		redis() {
			if (!redis) {
				throw new Error('no redis-server: it starts before the file\'s tests (when asked)');
			}

			return redis;
		},
		workers,
	};
}
