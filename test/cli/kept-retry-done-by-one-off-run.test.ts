/**
 * A failed run's next attempt kept for the next start (the scheduler stopped while it waited for its
 * backoff), when the operator meanwhile ran the job by hand with no scheduler running (a one-off
 * `sage-console run JOB`, in the foreground) and it succeeded for the same trade date with the same
 * params: the next start does not run the attempt, as a live scheduler drops it for a later success
 * (retry-made-needless.ts), and says so; `show` says so before the start. One-off runs with other
 * params leave it. Before, the start ran the job a third time (a second report, a duplicate order file)
 * and show promised it would. Built binaries, real headless schedulers, a real SQLite file.
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';
import {waitingRetryRows} from '../helpers/waiting-retry-rows.js';

const processes = trackHeadlessProcesses();

/** Each run leaves a line in runs.txt; it fails until the file `ok` is in the root. */
const jobsYaml = `timezone: Asia/Shanghai
jobs:
  - id: sync
    trigger: manual
    retries: 1
    retry_backoff: 10m
    params: {who: desk}
    command: ["sh", "-c", "echo who={params.who} >> runs.txt; if [ -f ok ]; then exit 0; fi; exit 3"]
`;

type Row = {id: number; status: string; trigger: string};

it('the next start does not run a kept retry whose work a one-off run did meanwhile, and show says so before it', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
	const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);
	const runs = () => readFileSync(path.join(root.dir, 'runs.txt'), 'utf8').trim().split('\n');

	// Given: run 1 failed, and the scheduler stopped while its attempt 2 waited for its backoff.
	const first = processes.start(root.dir);
	await schedulerStarted(first);
	expect(cli('run', 'sync', '--detach').stdout.trim()).toBe('1');
	await waitFor(() => waitingRetryRows(root.dir).length === 1, 30_000, 'run 1 to fail and its attempt 2 to be kept');
	first.child.kill('SIGTERM');
	expect(await first.exited).toBe(0);

	// When: with no scheduler running, the operator runs sync by hand: once with other params, once as run 1 was.
	root.write('ok', '');
	expect(cli('run', 'sync', '--param', 'who=ops').code).toBe(0);
	expect(cli('run', 'sync').code).toBe(0);
	expect(runs()).toEqual(['who=desk', 'who=ops', 'who=desk']);

	// Then: show says the next start will not run the kept attempt, and why.
	const shown = cli('show', '1');
	expect(shown.code).toBe(0);
	expect(shown.stdout).toMatch(/^retry {7}attempt 2 of 2 at .*, kept while no scheduler runs, but the next start will not run it: run 3 of sync succeeded meanwhile \(after run 1 failed\)$/m);
	const json = JSON.parse(cli('show', '1', '--json').stdout) as Record<string, unknown>;
	expect(json.next_attempt).toBeUndefined();
	expect(json.kept_retry_not_run).toMatchObject({attempt: 2, why: 'run 3 of sync succeeded meanwhile (after run 1 failed)'});

	// And the next start drops it, saying so, instead of running sync again.
	const second = processes.start(root.dir);
	await schedulerStarted(second);
	expect(second.output().stdout).toContain('sync: attempt 2 not run: run 3 of sync succeeded meanwhile (after run 1 failed)');
	expect(second.output().stdout).not.toContain('kept across the restart');
	await waitFor(() => waitingRetryRows(root.dir).length === 0, 30_000, 'the dropped retry to leave the database');
	expect((JSON.parse(cli('status', '--json').stdout) as {jobs: Array<{id: string; retry?: unknown}>}).jobs.find(job => job.id === 'sync')?.retry).toBeUndefined();
	expect(runs()).toEqual(['who=desk', 'who=ops', 'who=desk']);
	expect((JSON.parse(cli('history', '--json').stdout) as Row[]).map(row => [row.id, row.trigger, row.status])).toEqual([[3, 'manual', 'success'], [2, 'manual', 'success'], [1, 'manual', 'failed']]);
}, 120_000);
