/**
 * `run`'s exit codes do not depend on whether a scheduler runs, so a script can tell its cases apart:
 * an unknown job is 1 with or without one (it was 2, a usage error, only with none), and `run JOB
 * --detach` with none is 4, "no scheduler is running" (README: Exit codes), as status, cancel and retry
 * exit then; it was 2, as if the command line were mistyped.
 */
import {expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';

const processes = trackHeadlessProcesses();

it('an unknown job exits 1 with or without a scheduler; --detach with none exits 4, saying so', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: greet, trigger: manual, command: ["sh", "-c", "echo hello"]}\n'});
	const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);

	expect(cli('run', 'nosuch')).toMatchObject({code: 1, stderr: expect.stringContaining('no job "nosuch"') as string});
	const detached = cli('run', 'greet', '--detach');
	expect(detached.code).toBe(4);
	expect(detached.stderr).toContain('--detach needs a running scheduler to leave the run to; none is running for this root');
	expect(cli('status').code).toBe(4);
	expect(cli('history', '--json').stdout).toBe('[]\n');

	await schedulerStarted(processes.start(root.dir));
	expect(cli('run', 'nosuch')).toMatchObject({code: 1, stderr: expect.stringContaining('no job "nosuch"') as string});
	expect(cli('run', 'greet', '--detach')).toMatchObject({code: 0, stdout: '1\n'});
}, 60_000);
