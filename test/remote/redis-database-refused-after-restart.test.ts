/**
 * Redis restarted with fewer databases than a running worker's URL asks for (`/5`, then `databases 4`):
 * Redis refuses the worker's SELECT on reconnect and ioredis goes on, on database 0, where another
 * box's console may queue runs. The worker took runs from there and heartbeated there for ever; it now
 * ends at once, exit 1, saying why (the refusal at start is test/remote/redis-database-refused). A real
 * redis-server stopped and started again on its port, the built binary.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {RedisServer} from '../helpers/redis-server.js';
import {SpawnedWorkers} from '../helpers/spawned-workers.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';
import {waitFor} from '../helpers/wait-for.js';
import {remoteJobs} from './remote-fixtures.js';

let redis: RedisServer;
let root: TempRoot;
const workers = new SpawnedWorkers();

beforeAll(async () => {
	redis = await RedisServer.start();
	root = makeTempRoot({...remoteJobs, 'config/jobs.yaml': `redis: ${redis.url(5)}
jobs:
  - {id: crunch, trigger: manual, module: jobs/sleep.ts, params: {ms: 10}, run_on: workers}
`});
}, 60_000);

afterAll(async () => {
	workers.killAll();
	await redis?.remove();
	root?.remove();
}, 30_000);

describe('Redis restarted with fewer databases under a running worker', () => {
	it('the worker ends at once, exit 1, saying Redis refused its database', async () => {
		const worker = workers.start(root.dir);
		await waitFor(() => worker.output().includes('taking runs'), 30_000, 'the worker taking runs');
		await redis.stop();
		await redis.startAgain(['--databases', '4']);
		const {code} = await worker.ended;
		expect(code).toBe(1);
		expect(worker.output()).toContain(`Redis at ${redis.url(5)} refused worker`);
		expect(worker.output()).toContain('after it restarted (ERR DB index is out of range: Redis has fewer databases than the URL\'s path asks for');
	}, 60_000);
});
