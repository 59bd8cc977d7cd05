/**
 * While Redis is unreachable, `status` shows each worker offline as last seen, with the runs it had
 * then: the run going on a worker keeps its row (`WORKER host:pid`) and its worker's row names it
 * (`crunch#1`), where the worker's row read `0/1` beside the run's row that named it. Real parts: a
 * redis-server with an append-only file, stopped and started again; a real worker; the scheduling
 * host a console runs; the built `status` attached to it.
 */
import {afterAll, beforeAll, expect, it} from 'vitest';
import {startCli} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';
import {finished, onWorker} from './remote-fixtures.js';
import {openRemoteStage, type RemoteStage} from './remote-stage.js';

let stage: RemoteStage;

beforeAll(async () => {
	stage = await openRemoteStage({jobsYaml: `jobs:
  - {id: crunch, trigger: manual, module: jobs/steps.ts, params: {steps: 30, ms: 200}, run_on: workers}
`, workerArgs: [], workerCount: 1, persist: true});
}, 60_000);

afterAll(async () => {
	await stage?.close();
}, 30_000);

async function status(): Promise<string> {
	const cli = startCli(['status', '--root', stage.root.dir]);
	await cli.exited;
	return cli.output().stdout;
}

it('shows a worker\'s runs as last seen while Redis is down', async () => {
	const {host, redis, workers: [worker]} = stage;
	const runId = host.scheduler.submit('crunch').run!.id;
	await onWorker(host, runId);
	await waitFor(() => host.scheduler.snapshot().remote?.workers.find(seen => seen.name === worker!.name)?.runs.length === 1, 20_000, 'the worker to be seen with its run');
	await redis.stop();
	try {
		await waitFor(() => host.scheduler.snapshot().remote?.reachable === false, 20_000, 'Redis to be seen down');
		const text = await status();
		const workerRow = text.split('\n').find(line => line.startsWith(`${worker!.name} `)) ?? '';

		expect(text).toContain('UNREACHABLE');
		expect(text).toMatch(new RegExp(`^${runId}\\s+crunch\\s+running\\s.*${worker!.name}`, 'm'));
		expect(workerRow).toMatch(new RegExp(`^${worker!.name}\\s+default\\s+offline\\s+crunch#${runId}\\s+\\d+s ago$`));
	} finally {
		await redis.startAgain();
	}

	expect((await finished(host, runId, 60_000)).status).toBe('success');
}, 120_000);
