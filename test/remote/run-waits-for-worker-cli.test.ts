/**
 * `sage-console run JOB` of a `run_on: workers` job that no worker takes (none started, or all busy)
 * says, on stderr, that the run waits for a worker on its queue, instead of printing nothing until
 * one does; once a worker takes it, the run's lines and end follow as ever. Real parts: a redis-server, the scheduling host of a console, the built binary
 * attached to it, a real `sage-console worker` started while the run waits.
 */
import {afterAll, beforeAll, expect, it} from 'vitest';
import {startCli} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';
import {openRemoteStage, type RemoteStage} from './remote-stage.js';

let stage: RemoteStage;

beforeAll(async () => {
	stage = await openRemoteStage({jobsYaml: `jobs:
  - {id: remote_echo, trigger: manual, command: ["echo", "done"], run_on: workers, workers: gpu}
`, workerArgs: [], workerCount: 0});
}, 60_000);

afterAll(async () => {
	await stage?.close();
}, 30_000);

it('says the run waits for a worker on its queue until one takes it', async () => {
	const cli = startCli(['run', 'remote_echo', '--root', stage.root.dir]);
	const said = await waitFor(() => /^run (\d+) of remote_echo waits for a worker on queue gpu: none has taken it yet \(sage-console status shows the workers online\)$/m.exec(cli.output().stderr) ?? undefined, 30_000, 'the waiting note');

	await stage.startWorker(['--queues', 'gpu']);
	expect(await cli.exited).toBe(0);
	const lines = cli.output().stdout.split('\n');
	expect(lines.some(line => line.includes('INFO  done'))).toBe(true);
	expect(lines.some(line => line.startsWith(`run ${said[1]!} remote_echo [`) && line.includes(': success in '))).toBe(true);
}, 60_000);
