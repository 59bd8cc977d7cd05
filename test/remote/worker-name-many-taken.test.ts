/**
 * A worker whose `host:pid` and its `.2` to `.101` names are all in the heartbeats (a container
 * restarting for an hour, each start pid 1 under the same host name) takes the next free one,
 * `host:1.102`. It took `host:1.100` though that was taken, without a claim: two workers under one
 * name again, listed as one, and a live one's heartbeat keeping the dead one's run `running` for
 * ever. Here a real `sage-console worker`, pid 1 of a pid namespace of its own (`unshare -p`, root
 * only), and a real redis-server whose heartbeats the test writes.
 */
import {spawnSync} from 'node:child_process';
import {hostname} from 'node:os';
import {Redis} from 'ioredis';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {RedisServer} from '../helpers/redis-server.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';
import {WorkerProcesses} from '../helpers/worker-process.js';

const container = ['unshare', '--pid', '--fork', '--mount-proc', '--kill-child'];
const canUnshare = spawnSync(container[0]!, [...container.slice(1), 'true']).status === 0;
const base = `${hostname()}:1`;
/** `host:1`, `host:1.2` … `host:1.101`: a hundred and one heartbeats of earlier starts. */
const taken = [base, ...Array.from({length: 100}, (_, index) => `${base}.${index + 2}`)];
let redis: RedisServer;
let root: TempRoot;
const workers = new WorkerProcesses();

beforeAll(async () => {
	if (!canUnshare) {
		return;
	}

	redis = await RedisServer.start();
	root = makeTempRoot({'config/jobs.yaml': 'jobs: []\n'});
	const client = new Redis(redis.url());
	await client.hset('sage:workers', Object.fromEntries(taken.map(name => [name, `an earlier start's heartbeat (${name})`])));
	client.disconnect();
}, 60_000);

afterAll(async () => {
	await workers.killAll();
	await redis?.remove();
	root?.remove();
}, 30_000);

describe.skipIf(!canUnshare)('a worker whose host:pid and its .2 to .101 names are heard of', () => {
	it('takes the next free name and leaves every earlier heartbeat as it was', async () => {
		const worker = await workers.start(root.dir, redis.url(), ['--queues', 'gpu'], undefined, container);
		expect(worker.name).toBe(`${base}.102`);
		expect(worker.output()).toContain(`a worker named ${base} was heard of within the hour`);
		const client = new Redis(redis.url());
		try {
			const beats = await client.hmget('sage:workers', ...taken);
			expect(beats).toEqual(taken.map(name => `an earlier start's heartbeat (${name})`));
		} finally {
			client.disconnect();
		}
	});
});
