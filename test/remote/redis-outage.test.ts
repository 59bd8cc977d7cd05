/**
 * Redis down when the console starts: the scheduler starts, local jobs run as ever, runs on workers
 * fail fast saying Redis is unreachable and where, and the operator is told once (a log line and a
 * standing notice), not per run. When Redis comes (here with maxmemory-policy allkeys-lru), the
 * console connects by itself, says so, warns of the eviction policy, and runs on workers queue again.
 * A worker there warns of the policy too, in its JSON-lines log, with no bare line of BullMQ's beside it.
 * Redis restarted with noeviction: the console reads the policy again and the warning goes.
 */
import {afterAll, describe, expect, it} from 'vitest';
import {resolvePaths} from '../../src/host/paths.js';
import {SchedulerHost} from '../../src/host/scheduler-host.js';
import {freePort} from '../helpers/free-port.js';
import {RedisServer} from '../helpers/redis-server.js';
import {waitFor} from '../helpers/wait-for.js';
import {makeTempRoot} from '../helpers/temp-root.js';
import {WorkerProcesses} from '../helpers/worker-process.js';
import {finished, remoteJobs} from './remote-fixtures.js';

let redis: RedisServer | undefined;
const workers = new WorkerProcesses();
afterAll(async () => {
	await workers.killAll();
	await redis?.remove();
});

describe('Redis unreachable at start', () => {
	it('runs local jobs, fails runs on workers fast with the reason, tells once, and recovers when Redis comes', async () => {
		const port = await freePort();
		const root = makeTempRoot({
			...remoteJobs,
			'config/jobs.yaml': `redis: redis://127.0.0.1:${port}/0
jobs:
  - {id: remote, trigger: manual, module: jobs/steps.ts, run_on: workers, queue: heavy, concurrency: allow}
  - {id: here, trigger: manual, module: jobs/steps.ts, params: {steps: 1}}
`,
		});
		const host = SchedulerHost.open({paths: resolvePaths({root: root.dir}), logToStdout: false, schedules: true});
		try {
			await host.start();
			const local = await finished(host, host.scheduler.submit('here').run!.id);
			expect(local.status).toBe('success');

			// They end while Redis is still down: nothing waits for it.
			const failed = await Promise.all([1, 2, 3].map(async () => finished(host, host.scheduler.submit('remote').run!.id)));
			for (const run of failed) {
				expect(run.status).toBe('failed');
				expect(run.error?.type).toBe('RedisUnreachable');
				expect(run.error?.message).toMatch(new RegExp(`^Redis unreachable at redis://127\\.0\\.0\\.1:${port}/0 \\(.*ECONNREFUSED.*\\): runs on workers cannot start$`));
			}

			const told = () => host.scheduler.tail.newest(1000).filter(line => line.runId === undefined && line.msg.startsWith(`Redis unreachable at redis://127.0.0.1:${port}/0`));
			expect(told()).toHaveLength(1);
			expect(host.scheduler.snapshot().notices.some(notice => notice.startsWith('Redis unreachable at'))).toBe(true);
			expect(host.scheduler.snapshot().remote).toMatchObject({reachable: false});

			redis = await RedisServer.start({port, args: ['--maxmemory-policy', 'allkeys-lru']});
			await waitFor(() => host.scheduler.snapshot().remote?.reachable, 15_000, 'the console to reach Redis');
			const lines = host.scheduler.tail.newest(1000).map(line => line.msg);
			expect(lines).toContain(`Redis reachable at redis://127.0.0.1:${port}/0: runs on workers go to the workers`);
			await waitFor(() => host.scheduler.tail.newest(1000).some(line => line.msg.includes('has maxmemory-policy allkeys-lru')), 15_000, 'the eviction warning');
			expect(told()).toHaveLength(1);
			expect(host.scheduler.snapshot().notices.some(notice => notice.startsWith('Redis unreachable'))).toBe(false);

			// No worker listens: the run waits on its queue until it is cancelled.
			const waiting = host.scheduler.submit('remote').run!.id;
			await waitFor(() => host.scheduler.snapshot().remote?.queues.find(queue => queue.name === 'heavy')?.waiting === 1, 10_000, 'the run on the queue');
			host.scheduler.cancel(waiting);
			expect((await finished(host, waiting)).status).toBe('cancelled');

			// A worker warns of the policy in its log, JSON lines on stdout as all it says: no bare line of BullMQ's among them.
			const worker = await workers.start(root.dir, `redis://127.0.0.1:${port}/0`, ['--queues', 'heavy']);
			await waitFor(() => worker.output().includes('has maxmemory-policy allkeys-lru'), 15_000, 'the worker\'s eviction warning');
			const notJson = worker.output().split('\n').filter(line => line !== '' && !line.startsWith('{'));
			expect(notJson).toEqual([]);

			// Redis restarted with noeviction: the console reads the policy again at the connect and the warning goes.
			expect(host.scheduler.snapshot().notices.some(notice => notice.includes('has maxmemory-policy allkeys-lru'))).toBe(true);
			await redis.stop();
			await redis.startAgain(['--maxmemory-policy', 'noeviction']);
			await waitFor(() => host.scheduler.tail.newest(1000).some(line => line.msg === `Redis at redis://127.0.0.1:${port}/0 has maxmemory-policy noeviction now: queued runs and their results are not evicted`), 20_000, 'the policy read again');
			expect(host.scheduler.snapshot().notices.filter(notice => notice.includes('maxmemory-policy'))).toEqual([]);
			await waitFor(() => host.scheduler.snapshot().remote?.reachable === true && host.scheduler.snapshot().remote?.evictionWarning === undefined, 10_000, 'the view without the warning');
		} finally {
			await host.close('cancel');
			root.remove();
		}
	});
});
