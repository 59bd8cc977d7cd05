/**
 * A reload that disables a job (`enabled: false`) while a failed run's next attempt waits for its backoff
 * drops that attempt, saying so as `pause JOB` says it, and `status` no longer lists it: the retry ran
 * anyway, of a job the operator had just turned off. One of a run the operator then starts by hand while
 * it is disabled keeps its retry, across a restart too, as a paused job's does.
 * Built binaries, real headless schedulers.
 */
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

const job = (enabled: boolean) => `jobs:\n  - {id: flaky, enabled: ${enabled}, trigger: manual, retries: 1, retry_backoff: 10m, command: ["sh", "-c", "exit 3"]}\n`;

type StatusJob = {id: string; retry?: {after: number; attempt: number; of: number}};

it('drops the waiting retry of a job a reload disables, and keeps the one of a run started by hand while it is disabled', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': job(true)});
	const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);
	const retryOf = () => (JSON.parse(cli('status', '--json').stdout) as {jobs: StatusJob[]}).jobs[0]?.retry;
	const first = processes.start(root.dir);
	await schedulerStarted(first);

	expect(cli('run', 'flaky', '--detach').stdout.trim()).toBe('1');
	await waitFor(() => retryOf(), 30_000, 'run 1 to fail and its retry to wait');
	writeFileSync(path.join(root.dir, 'config/jobs.yaml'), job(false));
	expect(cli('reload').code).toBe(0);
	await waitFor(() => first.output().stdout.includes('flaky: attempt 2 not run: flaky was disabled (enabled: false) while it waited for its backoff after run 1 (sage-console retry 1 asks for it)'), 30_000, 'the scheduler to say attempt 2 will not run');
	expect(retryOf()).toBeUndefined();
	expect(cli('status').stdout).not.toContain('RETRY AT');

	// Run by hand while disabled: its retry waits, and is still there after a restart.
	expect(cli('run', 'flaky', '--detach').stdout.trim()).toBe('2');
	expect(await waitFor(() => retryOf(), 30_000, 'run 2 to fail and its retry to wait')).toMatchObject({after: 2, attempt: 2});
	first.child.kill('SIGTERM');
	expect(await first.exited).toBe(0);
	const second = processes.start(root.dir);
	await schedulerStarted(second);
	expect(retryOf()).toMatchObject({after: 2, attempt: 2, of: 2});
}, 120_000);
