import {afterAll, beforeAll} from 'vitest';
import {resolvePaths} from '../../src/host/paths.js';
import {SchedulerHost} from '../../src/host/scheduler-host.js';
import {remoteJobs} from '../remote/remote-fixtures.js';
import {RedisServer} from './redis-server.js';
import {SpawnedWorkers} from './spawned-workers.js';
import {makeTempRoot, type TempRoot} from './temp-root.js';

/**
 * For a file of tests of a Redis URL naming database 5 (`redis: redis://…/5`): a redis-server started
 * before its tests as `redisOptions` say (`--databases 4`: one that refuses it), a root whose jobs.yaml
 * has that URL and one manual job on workers, `crunch`, and `workers` to spawn; after the last test the
 * scheduling host a test opened is closed (live runs cancelled), the workers killed, Redis and the root
 * removed. Call it at the top of the file; read it inside the tests.
 */
export function databaseFiveRootForFile(redisOptions: Parameters<typeof RedisServer.start>[0] = {}) {
	const workers = new SpawnedWorkers();
	let redis: RedisServer | undefined;
	let root: TempRoot | undefined;
	let host: SchedulerHost | undefined;
	beforeAll(async () => {
		redis = await RedisServer.start(redisOptions);
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
	const started = <T>(value: T | undefined): T => {
		if (value === undefined) {
			throw new Error('Redis and the root start before the file\'s tests: read them inside a test');
		}

		return value;
	};

	return {
		workers,
		get redis() {
			return started(redis);
		},
		get root() {
			return started(root);
		},
		/** The root's scheduling host (a console's, without its screen), started. */
		async openHost(): Promise<SchedulerHost> {
			host = SchedulerHost.open({paths: resolvePaths({root: started(root).dir}), logToStdout: false, schedules: true});
			await host.start();
			return host;
		},
	};
}
