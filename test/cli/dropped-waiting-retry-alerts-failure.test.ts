/**
 * A failed run's alert is held back while its next attempt waits for its backoff. When `pause JOB`,
 * `pause --all` or a reload that disables or removes the job drops that attempt, the failure is the
 * run's last word: its alert goes out then, as it does for a run that fails after its job was paused
 * while it ran. Before, the attempt was dropped and the alert never went out: a failure at 16:31 was
 * never told when the operator paused the job (or the whole scheduler) at 16:32, but was when the pause
 * came a minute earlier. Built binaries, a real headless scheduler, a real SQLite file, a local WeCom robot.
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

const failing = 'trigger: manual, retries: 1, retry_backoff: 10m, command: ["sh", "-c", "exit 3"]';
const jobs = (ids: string[], extra: Record<string, string> = {}) => `jobs:\n${ids.map(id => `  - {id: ${id}, ${extra[id] ?? ''}${failing}}\n`).join('')}`;

it('alerts a failure once a pause, pause --all or a reload drops its next attempt waiting for its backoff', async () => {
	const all = ['paused', 'everything', 'disabled', 'removed'];
	const {root, robot} = await alertRoot(jobs(all));
	const cli = (...args: string[]) => runCli([...args, '--root', root]);
	const failures = (jobId: string) => robotMessages(robot).filter(text => text.startsWith(`### ❌ ${jobId} failed`));
	const headless = processes.start(root);
	await schedulerStarted(headless);
	const log = () => headless.output().stdout;

	// Given: a run of each job failed, its attempt 2 waiting for its backoff, no alert yet.
	for (const [index, id] of all.entries()) {
		expect(cli('run', id, '--detach').stdout.trim()).toBe(String(index + 1));
	}

	await waitFor(() => waitingRetryRows(root).length === 4, 30_000, 'the four runs to fail and their attempts 2 to be kept');
	expect(robotMessages(robot)).toEqual([]);

	// When: one job is paused; then: its attempt is dropped and its failure alerted, once.
	expect(cli('pause', 'paused').code).toBe(0);
	await waitFor(() => failures('paused').length === 1, 30_000, 'run 1\'s failure alert after the pause');
	expect(log()).toContain('paused: attempt 2 not run: paused was paused while it waited for its backoff after run 1');

	// A reload that disables one job and removes another: both failures alerted.
	writeFileSync(path.join(root, 'config/jobs.yaml'), jobs(['paused', 'everything', 'disabled'], {disabled: 'enabled: false, '}));
	expect(cli('reload').code).toBe(0);
	await waitFor(() => failures('disabled').length === 1 && failures('removed').length === 1, 30_000, 'the failure alerts of runs 3 and 4 after the reload');

	// The whole scheduler paused: the last one's failure alerted.
	expect(cli('pause', '--all').code).toBe(0);
	await waitFor(() => failures('everything').length === 1, 30_000, 'run 2\'s failure alert after pause --all');
	await waitFor(() => waitingRetryRows(root).length === 0, 30_000, 'the dropped attempts to leave the database');

	// Each once: a resume brings none back, nor a second alert.
	expect(cli('resume', '--all').code).toBe(0);
	expect(cli('resume', 'paused').code).toBe(0);
	expect(all.map(id => failures(id).length)).toEqual([1, 1, 1, 1]);
}, 120_000);

it('alerts a failure whose kept attempt the next start drops because its job was disabled while no scheduler ran', async () => {
	const {root, robot} = await alertRoot(jobs(['sync']));
	const cli = (...args: string[]) => runCli([...args, '--root', root]);
	const failures = () => robotMessages(robot).filter(text => text.startsWith('### ❌ sync failed'));

	// Given: run 1 failed with attempt 2 kept by a stop, and sync disabled in jobs.yaml meanwhile.
	const first = processes.start(root);
	await schedulerStarted(first);
	expect(cli('run', 'sync', '--detach').stdout.trim()).toBe('1');
	await waitFor(() => waitingRetryRows(root).length === 1, 30_000, 'run 1 to fail and its attempt 2 to be kept');
	first.child.kill('SIGTERM');
	expect(await first.exited).toBe(0);
	writeFileSync(path.join(root, 'config/jobs.yaml'), jobs(['sync'], {sync: 'enabled: false, '}));

	// When: the next start drops it; then: run 1's failure is alerted, once.
	const second = processes.start(root);
	await schedulerStarted(second);
	expect(second.output().stdout).toContain('sync: attempt 2 not run: sync was disabled (enabled: false) while it waited for its backoff after run 1');
	await waitFor(() => failures().length === 1, 30_000, 'run 1\'s failure alert at the start');
	await waitFor(() => waitingRetryRows(root).length === 0, 30_000, 'the dropped attempt to leave the database');
}, 120_000);
