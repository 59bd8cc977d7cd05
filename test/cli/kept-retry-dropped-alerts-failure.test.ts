/**
 * A failed run's alert is held back while its next attempt is still to come. When the scheduler stopped
 * (or died) while that attempt waited for its backoff, and the next start does not run it because it
 * fell due longer ago than the job's misfire_grace (Friday's retry found on Monday), or its run was asked
 * for with a secret param (whose value history does not keep), the failure is final: its alert goes out
 * at that start. Before, it never went out, and the phone heard nothing of the
 * failure. Built binaries, real headless schedulers, a real SQLite file, a local WeCom robot.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import {expect, it} from 'vitest';
import {alertRobotRoots, robotMessages} from '../helpers/alert-robot-root.js';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';
import {waitingRetryRows} from '../helpers/waiting-retry-rows.js';

const processes = trackHeadlessProcesses();
const alertRoot = alertRobotRoots(processes);

const failing = 'trigger: manual, retries: 1, retry_backoff: 10m, command: ["sh", "-c", "exit 3"]';
const jobsYaml = `jobs:\n  - {id: strict, misfire_grace: 1h, ${failing}}\n  - {id: check, ${failing}}\n`;

it('alerts the failures whose kept retries the next start drops, past misfire_grace or for a secret param', async () => {
	const {root, robot} = await alertRoot(jobsYaml);
	const cli = (...args: string[]) => runCli([...args, '--root', root]);
	const failures = (jobId: string) => robotMessages(robot).filter(text => text.startsWith(`### ❌ ${jobId} failed`));

	// Given: runs 1 and 2 failed with attempt 2 to come (no alert yet), and the scheduler stopped while they waited.
	const first = processes.start(root);
	await schedulerStarted(first);
	expect(cli('run', 'strict', '--detach').stdout.trim()).toBe('1');
	expect(cli('run', 'check', '--detach', '--param', 'api_token=s3cret').stdout.trim()).toBe('2');
	await waitFor(() => waitingRetryRows(root).length === 2, 30_000, 'runs 1 and 2 to fail and their attempts 2 to be kept');
	first.child.kill('SIGTERM');
	expect(await first.exited).toBe(0);
	expect(robotMessages(robot)).toEqual([]);

	// When: the next start comes three days after the attempt fell due.
	const db = new Database(path.join(root, 'data/sage.db'));
	db.prepare('UPDATE waiting_retries SET due_at = ? WHERE run_id = 1').run(Date.now() - (3 * 86_400_000));
	db.close();
	const second = processes.start(root);
	await schedulerStarted(second);

	// Then: neither attempt is run, and both failures are alerted as final, once each.
	expect(second.output().stdout).toMatch(/strict: attempt 2 not run: due at .* after run 1, missed by .* more than its misfire_grace 1h/);
	expect(second.output().stdout).toContain('check: attempt 2 not run: run 2 was asked for with the secret param api_token');
	await waitFor(() => failures('strict').length === 1 && failures('check').length === 1, 30_000, 'the failure alerts of runs 1 and 2');
	expect(robotMessages(robot).join('\n')).not.toContain('s3cret');
	await waitFor(() => waitingRetryRows(root).length === 0, 30_000, 'the dropped retries to leave the database');
}, 120_000);
