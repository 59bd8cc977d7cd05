/**
 * A `sage-console worker` says when Redis is back after it logged trouble reaching it (`Redis:
 * connect ECONNREFUSED …`): `Redis reachable at redis://…`, as the console does. Its log ended on the
 * refusal, so an operator reading it during an incident could not tell a worker that had reconnected
 * from one still cut off. A real redis-server stopped and started again, a real worker (the built binary).
 */
import {afterAll, beforeAll, expect, it} from 'vitest';
import {RedisServer} from '../helpers/redis-server.js';
import type {TempRoot} from '../helpers/temp-root.js';
import {waitFor} from '../helpers/wait-for.js';
import {WorkerProcesses} from '../helpers/worker-process.js';
import {remoteTrueRoot} from './remote-fixtures.js';

let redis: RedisServer;
let root: TempRoot;
const workers = new WorkerProcesses();

beforeAll(async () => {
	redis = await RedisServer.start({persist: true});
	root = remoteTrueRoot(redis.url());
}, 30_000);

afterAll(async () => {
	await workers.killAll();
	await redis?.remove();
	root?.remove();
});

it('logs that Redis is reachable again after logging that it was not', async () => {
	const worker = await workers.start(root.dir, redis.url(), ['--queues', 'default']);
	await redis.stop();
	const refused = await waitFor(() => /"msg":"Redis: connect ECONNREFUSED[^"]*"/.exec(worker.output())?.index, 20_000, 'the worker to log the refusal');
	await redis.startAgain();
	const backAt = () => {
		const index = worker.output().lastIndexOf(`"msg":"Redis reachable at ${redis.url()}"`);
		return index >= 0 ? index : undefined;
	};

	const back = await waitFor(backAt, 20_000, 'the worker to log that Redis is back');

	expect(back).toBeGreaterThan(refused);
}, 60_000);
