/**
 * A Redis on a network address that asks for no password lets whoever reaches its port queue runs of the
 * workers' jobs with params of their choosing and read what runs carry. A worker says so at its start
 * and the console when it links to Redis (its log and a standing notice in `status --json`); nothing
 * said for the same Redis reached on loopback. A real redis-server on this machine's own network
 * address and 127.0.0.1, the built binary.
 */
import {networkInterfaces} from 'node:os';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {RedisServer} from '../helpers/redis-server.js';
import {runCli, schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {SpawnedWorkers} from '../helpers/spawned-workers.js';
import type {TempRoot} from '../helpers/temp-root.js';
import {waitFor} from '../helpers/wait-for.js';
import {remoteTrueRoot} from './remote-fixtures.js';

/** An IPv4 address of this machine that is not loopback, if it has one. */
const address = Object.values(networkInterfaces()).flat().find(entry => entry?.family === 'IPv4' && !entry.internal)?.address;
const warning = 'is reached without a password and not on loopback: whoever reaches its port can queue runs of the workers\' jobs with params of their choosing and read their params, results and logs';

let redis: RedisServer;
const roots: TempRoot[] = [];
const workers = new SpawnedWorkers();
const processes = trackHeadlessProcesses();

beforeAll(async () => {
	if (address !== undefined) {
		redis = await RedisServer.start({args: ['--bind', '127.0.0.1', address, '--protected-mode', 'no']});
	}
}, 30_000);

afterAll(async () => {
	workers.killAll();
	await redis?.remove();
	for (const root of roots) {
		root.remove();
	}
});

function rootOn(host: string): TempRoot {
	const root = remoteTrueRoot(`redis://${host}:${redis.port}/0`);
	roots.push(root);
	return root;
}

async function workerOutput(host: string): Promise<string> {
	const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('SAGE_REDIS_')));
	const worker = workers.start(rootOn(host).dir, env);
	await waitFor(() => worker.output().includes('taking runs from default') || undefined, 20_000, `the worker to take runs (output so far: ${worker.output()})`);
	return worker.output();
}

describe.skipIf(address === undefined)('a Redis without a password beyond loopback', () => {
	it('a worker says at its start that whoever reaches Redis can run commands on it', async () => {
		expect(await workerOutput(address!)).toContain(`Redis at redis://${address}:${redis.port}/0 ${warning}`);
	}, 30_000);

	it('a worker on the same Redis through 127.0.0.1 says nothing of it', async () => {
		expect(await workerOutput('127.0.0.1')).not.toContain(warning);
	}, 30_000);

	it('the console says it in its log and as a notice in status --json', async () => {
		const root = rootOn(address!);
		const app = startCli(['--headless', '--root', root.dir]);
		processes.track(app);
		await schedulerStarted(app);
		await waitFor(() => app.output().stdout.includes(warning) || undefined, 20_000, `the warning in the log (so far: ${app.output().stdout})`);
		const status = runCli(['status', '--json', '--root', root.dir]);
		expect(status.stdout).toContain(warning);
	}, 60_000);
});
