/**
 * Redis restarted with fewer databases than a running worker's URL asks for (`/5`, then `databases 4`):
 * Redis refuses the worker's SELECT on reconnect and ioredis goes on, on database 0, where another
 * box's console may queue runs. The worker took runs from there and heartbeated there for ever; it now
 * ends at once, exit 1, saying why. The console takes Redis as unreachable, and its standing notice,
 * which told the outage, now tells the refusal too (the refusal at start is
 * test/remote/redis-database-refused). A real redis-server stopped and started again on its port, the
 * scheduling host of a console, the built binary.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {resolvePaths} from '../../src/host/paths.js';
import {SchedulerHost} from '../../src/host/scheduler-host.js';
import {RedisServer} from '../helpers/redis-server.js';
import {SpawnedWorkers} from '../helpers/spawned-workers.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';
import {waitFor} from '../helpers/wait-for.js';
import {remoteJobs} from './remote-fixtures.js';

let redis: RedisServer;
let root: TempRoot;
let host: SchedulerHost | undefined;
const workers = new SpawnedWorkers();

beforeAll(async () => {
	redis = await RedisServer.start();
	root = makeTempRoot({...remoteJobs, 'config/jobs.yaml': `redis: ${redis.url(5)}
jobs:
  - {id: crunch, trigger: manual, module: jobs/sleep.ts, params: {ms: 10}, run_on: workers}
`});
}, 60_000);

afterAll(async () => {
	await host?.close('cancel');
	workers.killAll();
	await redis?.remove();
	root?.remove();
}, 30_000);

describe('Redis restarted with fewer databases under a running worker', () => {
	const refusal = 'ERR DB index is out of range: Redis has fewer databases than the URL\'s path asks for (its `databases` setting, 16 unless set)';

	it('the worker ends at once, exit 1, saying Redis refused its database; the console\'s notice says so', async () => {
		host = SchedulerHost.open({paths: resolvePaths({root: root.dir}), logToStdout: false, schedules: true});
		await host.start();
		const worker = workers.start(root.dir);
		await waitFor(() => worker.output().includes('taking runs'), 30_000, 'the worker taking runs');
		await redis.stop();
		await redis.startAgain(['--databases', '4']);
		const {code} = await worker.ended;
		expect(code).toBe(1);
		expect(worker.output()).toContain(`Redis at ${redis.url(5)} refused worker`);
		expect(worker.output()).toContain(`after it restarted (${refusal})`);
		await waitFor(() => host!.scheduler.snapshot().notices.includes(`Redis unreachable at ${redis.url(5)} (${refusal}): runs on workers fail until it is back; local jobs go on`), 20_000, 'the console\'s notice of the refusal');
	}, 60_000);
});
