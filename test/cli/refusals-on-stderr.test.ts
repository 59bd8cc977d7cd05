/**
 * A control command the live scheduler refuses says why on stderr and prints nothing on stdout, with
 * its non-zero exit: a script that captures the answer (`id=$(sage-console retry 42)`) or pipes it
 * never reads the refusal as one. Against a real headless scheduler, with the built CLI.
 */
import {describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';

const processes = trackHeadlessProcesses();

const jobs = `jobs:
  - {id: greet, trigger: manual, command: ["sh", "-c", "echo hello"]}
services:
  - id: feed
    enabled: false
    command: ["sleep", "60"]
`;

describe('a refused control command', () => {
	it('says why on stderr, with stdout empty and exit 1 (retry, cancel, stop of a service) or its error code (pause)', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': jobs});
		await schedulerStarted(processes.start(root.dir));
		const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);
		const succeeded = cli('run', 'greet');
		expect(succeeded.code).toBe(0);
		const runId = /^run (\d+) greet/m.exec(succeeded.stdout)![1]!;

		// Given a run that succeeded: a retry and a cancel of it are refused.
		expect(cli('retry', runId)).toMatchObject({code: 1, stdout: '', stderr: expect.stringMatching(new RegExp(`^not retried: run ${runId} succeeded: nothing to retry`)) as string});
		expect(cli('cancel', runId)).toMatchObject({code: 1, stdout: '', stderr: expect.stringMatching(/^not cancelled: /) as string});
		// A service that is not running is not stopped.
		expect(cli('stop', 'feed')).toMatchObject({code: 1, stdout: '', stderr: expect.stringMatching(/^not done: feed /) as string});
		// A job that is not there is not paused.
		const paused = cli('pause', 'nosuch');
		expect(paused.code).not.toBe(0);
		expect(paused.stdout).toBe('');
		expect(paused.stderr).toContain('nosuch');

		// A run id mistyped: a usage error, on stderr too.
		expect(cli('retry', 'x')).toMatchObject({code: 2, stdout: ''});

		// What a command did answer stays on stdout.
		expect(cli('pause', 'greet')).toMatchObject({code: 0, stdout: 'greet paused\n'});
	});
});
