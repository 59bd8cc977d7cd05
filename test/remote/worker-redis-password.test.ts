/**
 * A `sage-console worker` that Redis refuses at its start (no password, or a wrong one, for a Redis
 * with `requirepass`) says so in its log, naming the Redis and where the password comes from, and
 * exits 1 (so systemd's `Restart=always` starts it again, reading the password again), where it
 * printed `sage-console: unexpected error: ReplyError: NOAUTH …` with a stack and stayed up for ever,
 * taking no runs and not named in any heartbeat. With the right password it takes runs. A real
 * redis-server and the built binary.
 */
import {spawn} from 'node:child_process';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {RedisServer} from '../helpers/redis-server.js';
import {binary} from '../helpers/run-cli.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';
import {waitFor} from '../helpers/wait-for.js';
import {remoteJobs} from './remote-fixtures.js';

let redis: RedisServer;
let root: TempRoot;
const started: Array<ReturnType<typeof spawn>> = [];

beforeAll(async () => {
	redis = await RedisServer.start({args: ['--requirepass', 'right-password']});
	root = makeTempRoot({...remoteJobs, 'config/jobs.yaml': `redis: ${redis.url()}\njobs:\n  - {id: remote_true, trigger: manual, command: ["true"], run_on: workers}\n`});
}, 30_000);

afterAll(async () => {
	for (const child of started) {
		if (child.exitCode === null && child.signalCode === null) {
			child.kill('SIGKILL');
		}
	}

	await redis?.remove();
	root?.remove();
});

/** Starts a worker with `password` (none: no SAGE_REDIS_PASSWORD at all); its output, and its exit code once it exits. */
function startWorker(password: string | undefined) {
	const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('SAGE_REDIS_')));
	const child = spawn(binary, ['worker', '--root', root.dir, '--queues', 'default'], {env: {...env, ...(password === undefined ? {} : {SAGE_REDIS_PASSWORD: password})}, stdio: ['ignore', 'pipe', 'pipe']});
	started.push(child);
	let output = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		output += chunk;
	});
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
		output += chunk;
	});
	let code: number | null | undefined;
	child.once('exit', exitCode => {
		code = exitCode;
	});
	return {child, output: () => output, code: () => code};
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
