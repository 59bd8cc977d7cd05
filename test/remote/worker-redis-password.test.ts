/**
 * A `sage-console worker` that Redis refuses at its start (no password, or a wrong one, for a Redis
 * with `requirepass`) says so in its log, naming the Redis and where the password comes from, and
 * exits 1 (so systemd's `Restart=always` starts it again, reading the password again), where it
 * printed `sage-console: unexpected error: ReplyError: NOAUTH …` with a stack and stayed up for ever,
 * taking no runs and not named in any heartbeat. With the right password it takes runs. A real
 * redis-server and the built binary.
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
	redis = await RedisServer.start({args: ['--requirepass', 'right-password']});
	root = remoteTrueRoot(redis.url());
}, 30_000);

afterAll(async () => {
	workers.killAll();
	await redis?.remove();
	root?.remove();
});

/** Starts a worker with `password` (none: no SAGE_REDIS_PASSWORD at all). */
function startWorker(password: string | undefined) {
	const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('SAGE_REDIS_')));
	return workers.start(root.dir, {...env, ...(password === undefined ? {} : {SAGE_REDIS_PASSWORD: password})});
}

const passwordSources = 'SAGE_REDIS_PASSWORD, or a 0600 file: SAGE_REDIS_PASSWORD_FILE, jobs.yaml\'s redis.password_file';

it('exits 1 saying Redis asks for a password when none was given', async () => {
	const worker = startWorker(undefined);
	const code = await waitFor(() => worker.code(), 20_000, `the worker to exit (output so far: ${worker.output()})`);

	expect(code).toBe(1);
	expect(worker.output()).toContain(`cannot start: Redis at ${redis.url()} refused it (NOAUTH Authentication required: Redis asks for a password and none was given (${passwordSources}))`);
	expect(worker.output()).not.toContain('unexpected error');
}, 30_000);

it('exits 1 saying Redis refused the password when it is wrong', async () => {
	const worker = startWorker('wrong-password');
	const code = await waitFor(() => worker.code(), 20_000, `the worker to exit (output so far: ${worker.output()})`);

	expect(code).toBe(1);
	expect(worker.output()).toContain(`cannot start: Redis at ${redis.url()} refused it (WRONGPASS invalid username-password pair or user is disabled: Redis refused the password given (${passwordSources}))`);
	expect(worker.output()).not.toContain('unexpected error');
}, 30_000);

it('takes runs with the right password', async () => {
	const worker = startWorker('right-password');
	await waitFor(() => worker.output().includes('taking runs from default') || undefined, 20_000, `the worker to take runs (output so far: ${worker.output()})`);

	expect(worker.code()).toBeUndefined();
	worker.child.kill('SIGTERM');
	const code = await waitFor(() => worker.code(), 20_000, 'the worker to stop');
	expect(code, `the worker's output: ${worker.output()}`).toBe(0);
}, 30_000);

it('takes runs with the password in --redis, and warns that it shows there', async () => {
	const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('SAGE_REDIS_')));
	const url = new URL(redis.url());
	url.password = 'right-password';
	const worker = workers.start(root.dir, env, ['--redis', url.href, '--queues', 'default']);
	await waitFor(() => worker.output().includes('taking runs from default') || undefined, 20_000, `the worker to take runs (output so far: ${worker.output()})`);
	expect(worker.output()).toContain('--redis holds a password: it stays in the shell history and in the unit file, and shows in ps for a moment at each start; give it in SAGE_REDIS_PASSWORD or a 0600 file named by SAGE_REDIS_PASSWORD_FILE instead');
	expect(worker.output()).not.toContain('right-password');
	worker.child.kill('SIGTERM');
	expect(await waitFor(() => worker.code(), 20_000, 'the worker to stop'), `the worker's output: ${worker.output()}`).toBe(0);
}, 30_000);
