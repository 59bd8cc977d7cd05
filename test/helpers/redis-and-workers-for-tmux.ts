import {afterAll, afterEach, beforeAll} from 'vitest';
import {RedisServer} from './redis-server.js';
import {hasTmux} from './tmux.js';
import {WorkerProcesses} from './worker-process.js';

/**
 * For a file of console-and-workers tests in tmux (skipped where tmux is not): a redis-server started
 * before its tests (only where tmux is) and removed after them, and `workers`, whose processes are
 * killed after each test. Call it at the top of the file; `redis()` is the server, inside a test.
 */
export function redisAndWorkersForTmuxTests(): {redis(): RedisServer; workers: WorkerProcesses} {
	const workers = new WorkerProcesses();
	let redis: RedisServer | undefined;
	beforeAll(async () => {
		if (hasTmux) {
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
				throw new Error('no redis-server: it starts before the file\'s tests, where tmux is');
			}

			return redis;
		},
		workers,
	};
}
