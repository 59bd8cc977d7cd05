/**
 * A job paused (or the whole scheduler paused, or the job disabled by a reload) while one of its runs
 * is still going, when that run then fails: its next attempt is not armed, as a pause drops one already
 * waiting for its backoff; the log says so and how to ask for it, and the failure is final, so its
 * alert goes out. Before, the attempt
 * waited for its backoff and ran while the job stayed paused, and, kept as `held`, even ran after a
 * restart. A run started by hand while the job is paused keeps its retries, as before. Built binaries,
 * a real headless scheduler, a real SQLite file, a local WeCom robot.
 */
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {expect, it} from 'vitest';
import {alertRobotRoots, robotMessages} from '../helpers/alert-robot-root.js';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';
import {waitingRetryRows} from '../helpers/waiting-retry-rows.js';

const processes = trackHeadlessProcesses();
const alertRoot = alertRobotRoots(processes);

/** Each run waits for the file go-N (N its run id) and then fails. */
const jobsYaml = `jobs:
  - id: sync
    trigger: manual
    retries: 1
    retry_backoff: 10m
    command: ["sh", "-c", "while [ ! -f go-{run_id} ]; do sleep 0.1; done; exit 3"]
`;

type Row = {id: number; status: string};

it('a run that fails after its job or the scheduler was paused gets no next attempt; one started by hand while paused keeps its own', async () => {
	const {root, robot} = await alertRoot(jobsYaml);
	const cli = (...args: string[]) => runCli([...args, '--root', root]);
	const go = (runId: number) => writeFileSync(path.join(root, `go-${runId}`), '');
	const statusOf = (runId: number) => (JSON.parse(cli('history', '--json').stdout) as Row[]).find(row => row.id === runId)?.status;
	const headless = processes.start(root);
	await schedulerStarted(headless);
	const log = () => headless.output().stdout;

	// Given: run 1 going; when: sync is paused, then run 1 fails.
	expect(cli('run', 'sync', '--detach').stdout.trim()).toBe('1');
	await waitFor(() => statusOf(1) === 'running', 30_000, 'run 1 to start');
	expect(cli('pause', 'sync').code).toBe(0);
	go(1);
	// Then: no attempt 2 is armed, and the log says why.
	await waitFor(() => log().includes('sync: attempt 2 of 2 not run: sync was paused while run 1 ran (sage-console retry 1 asks for it)'), 30_000, 'the attempt not armed to be said');
	expect(log()).not.toContain('sync: attempt 2 of 2 in ');
	// Its failure is final: alerted, where an attempt still to come holds the alert back.
	await waitFor(() => robotMessages(robot).some(text => text.startsWith('### ❌ sync failed')), 30_000, 'run 1\'s failure alert');

	// A run started by hand while sync is paused keeps its retry.
	expect(cli('run', 'sync', '--detach').stdout.trim()).toBe('2');
	go(2);
	await waitFor(() => waitingRetryRows(root).length === 1, 30_000, 'run 2 to fail and its attempt 2 to be kept');
	expect(waitingRetryRows(root).map(row => [row.run_id, row.attempt])).toEqual([[2, 2]]);
	expect(cli('cancel', '2').code).toBe(0);
	await waitFor(() => waitingRetryRows(root).length === 0, 30_000, 'the cancelled retry to leave the database');

	// The same when the whole scheduler is paused while a run goes.
	expect(cli('resume', 'sync').code).toBe(0);
	expect(cli('run', 'sync', '--detach').stdout.trim()).toBe('3');
	await waitFor(() => statusOf(3) === 'running', 30_000, 'run 3 to start');
	expect(cli('pause', '--all').code).toBe(0);
	go(3);
	await waitFor(() => log().includes('sync: attempt 2 of 2 not run: the scheduler was paused while run 3 ran (sage-console retry 3 asks for it)'), 30_000, 'the attempt not armed to be said');

	// And when a reload disables the job while a run goes.
	expect(cli('resume', '--all').code).toBe(0);
	expect(cli('run', 'sync', '--detach').stdout.trim()).toBe('4');
	await waitFor(() => statusOf(4) === 'running', 30_000, 'run 4 to start');
	writeFileSync(path.join(root, 'config/jobs.yaml'), jobsYaml.replace('    trigger: manual\n', '    trigger: manual\n    enabled: false\n'));
	expect(cli('reload').code).toBe(0);
	go(4);
	await waitFor(() => log().includes('sync: attempt 2 of 2 not run: sync was disabled (enabled: false) while run 4 ran (sage-console retry 4 asks for it)'), 30_000, 'the attempt not armed to be said');

	expect(waitingRetryRows(root)).toEqual([]);
	expect((JSON.parse(cli('status', '--json').stdout) as {jobs: Array<{id: string; retry?: unknown}>}).jobs.find(job => job.id === 'sync')?.retry).toBeUndefined();
	expect((JSON.parse(cli('history', '--json').stdout) as Row[]).map(row => [row.id, row.status])).toEqual([[4, 'failed'], [3, 'failed'], [2, 'failed'], [1, 'failed']]);
}, 120_000);
