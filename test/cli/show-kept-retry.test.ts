/**
 * `show RUN_ID` with no scheduler running says when a failed run's next attempt, kept in history while
 * it waited for its backoff (a stop or a kill -9 meanwhile: waiting_retries), is due, and that it runs
 * after the scheduler starts: text and `--json` `next_attempt`, as the live scheduler's. It showed the
 * run as if nothing more were to come, though the next start runs that attempt. Built binaries, a real
 * headless scheduler, a real SQLite file.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import {expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';
import {waitingRetryRows} from '../helpers/waiting-retry-rows.js';

const processes = trackHeadlessProcesses();

const jobsYaml = `timezone: Asia/Shanghai
jobs:
  - {id: flaky, trigger: manual, retries: 2, retry_backoff: 10m, command: ["sh", "-c", "exit 3"]}
  - {id: fine, trigger: manual, command: ["true"]}
`;

type Shown = {id: number; status: string; next_attempt?: {attempt: number; at: string; after_scheduler_start?: boolean}};
type StatusJob = {id: string; retry?: {at: string}};

const retryLine = /^retry {7}attempt 2 of 3 at (\d\d-\d\d \d\d:\d\d:\d\d) \((in \d+m(\d+s)?|due \d+m(\d+s)? ago)\), kept while no scheduler runs: it runs after the scheduler starts \(at once if its time has passed by then\); sage-console cancel 1 drops it$/m;

it('says a kept retry\'s attempt, when it is due and that it runs after the scheduler starts', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
	const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);
	const headless = processes.start(root.dir);
	await schedulerStarted(headless);
	expect(cli('run', 'flaky', '--detach').stdout.trim()).toBe('1');
	expect(cli('run', 'fine', '--detach').stdout.trim()).toBe('2');
	const live = await waitFor(() => (JSON.parse(cli('status', '--json').stdout) as {jobs: StatusJob[]}).jobs.find(job => job.id === 'flaky')?.retry, 30_000, 'run 1 to fail with its retry waiting');
	await waitFor(() => waitingRetryRows(root.dir).length === 1, 30_000, 'the retry to be kept in the database');
	await waitFor(() => (JSON.parse(cli('show', '2', '--json').stdout) as Shown).status === 'success', 30_000, 'run 2 to succeed');

	// When: no scheduler runs.
	headless.child.kill('SIGTERM');
	expect(await headless.exited).toBe(0);

	const shown = JSON.parse(cli('show', '1', '--json').stdout) as Shown;
	expect(shown).toMatchObject({id: 1, status: 'failed', next_attempt: {attempt: 2, at: live.at, after_scheduler_start: true}});
	const text = cli('show', '1');
	expect(text.code).toBe(0);
	expect(text.stderr).toBe('');
	expect(text.stdout).toMatch(/^run 1 {2}flaky {2}FAILED\nretry {7}/);
	const line = retryLine.exec(text.stdout);
	expect(line?.[2]).toMatch(/^in /);
	// The time as show's others: the scheduler's day and time, the moment status showed before the stop.
	expect(line?.[1]).toBe(live.at.slice(5, 19).replace('T', ' '));
	// Retry needs a running scheduler; cancel drops it offline too.
	expect(text.stdout).not.toContain('retry 1');

	// A run with no kept retry says none.
	expect(cli('show', '2').stdout).not.toContain('retry ');
	expect(JSON.parse(cli('show', '2', '--json').stdout)).not.toHaveProperty('next_attempt');

	// Given: its time passed while no scheduler ran (due_at moved back, as ten minutes going by would).
	const db = new Database(path.join(root.dir, 'data/sage.db'));
	db.prepare('UPDATE waiting_retries SET due_at = ? WHERE run_id = 1').run(Date.now() - 300_000);
	db.close();
	expect(retryLine.exec(cli('show', '1').stdout)?.[2]).toMatch(/^due 5m(\d+s)? ago$/);
}, 90_000);
