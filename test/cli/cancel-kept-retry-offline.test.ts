/**
 * `cancel RUN` with no scheduler running, of a failed run whose next attempt was kept for the next
 * start: the attempt is dropped from history and the answer says so; the next start does not run it.
 * It said no scheduler runs and to start one, which then ran the attempt at once if due. Anything else
 * (nothing kept for the run) is answered as before, and a scheduler holding the root's lock but not
 * answering yet (starting) is left its retry. Built binaries, real headless schedulers, real SQLite.
 */
import {writeFileSync} from 'node:fs';
import {hostname} from 'node:os';
import path from 'node:path';
import {expect, it} from 'vitest';
import {processStartTicks} from '../../src/host/proc-stat.js';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';
import {waitingRetryRows} from '../helpers/waiting-retry-rows.js';

const processes = trackHeadlessProcesses();

const jobsYaml = 'jobs:\n  - {id: sync, trigger: manual, retries: 1, retry_backoff: 10m, command: ["sh", "-c", "exit 3"]}\n';

type Row = {id: number; status: string; attempt: number};

/** A root whose run 1 failed and whose scheduler stopped (SIGTERM) while attempt 2 waited for its backoff. */
async function keptRetryRoot() {
	const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
	const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);
	const first = processes.start(root.dir);
	await schedulerStarted(first);
	expect(cli('run', 'sync', '--detach').stdout.trim()).toBe('1');
	await waitFor(() => waitingRetryRows(root.dir).length === 1, 30_000, 'run 1 to fail and its attempt 2 to wait');
	first.child.kill('SIGTERM');
	expect(await first.exited).toBe(0);
	return {root, cli};
}

it('drops a kept retry while no scheduler runs, says so, and the next start does not run it', async () => {
	const {root, cli} = await keptRetryRoot();
	expect(cli('cancel', '1')).toMatchObject({code: 0, stderr: '', stdout: 'attempt 2 of sync will not run: dropped while no scheduler runs (kept for the next start after run 1)\n'});
	expect(waitingRetryRows(root.dir)).toEqual([]);
	// Nothing kept any more: answered as before.
	const again = cli('cancel', '1');
	expect(again.code).toBe(4);
	expect(again.stderr).toMatch(/^sage-console: no scheduler is running for this root .*start one with `sage-console` or `sage-console --headless`\n$/);

	const second = processes.start(root.dir);
	await schedulerStarted(second);
	expect(second.output().stdout).not.toContain('kept across the restart');
	expect((JSON.parse(cli('status', '--json').stdout) as {jobs: Array<{retry?: unknown}>}).jobs[0]?.retry).toBeUndefined();
	expect((JSON.parse(cli('history', '--json').stdout) as Row[]).map(row => [row.id, row.status, row.attempt])).toEqual([[1, 'failed', 1]]);
}, 120_000);

it('leaves the kept retry to a scheduler that holds the root\'s lock but does not answer yet', async () => {
	const {root, cli} = await keptRetryRoot();
	// As a scheduler starting writes it before it listens: this test's own live process holds it.
	writeFileSync(path.join(root.dir, 'data/sage.lock'), `${JSON.stringify({pid: process.pid, startTicks: processStartTicks(process.pid), host: hostname(), since: Date.now()})}\n`);
	expect(cli('cancel', '1')).toMatchObject({code: 1, stdout: '', stderr: `not cancelled: a scheduler (pid ${process.pid}) holds this root's lock but does not answer yet (starting): sage-console cancel 1 again asks it\n`});
	expect(waitingRetryRows(root.dir).map(row => [row.run_id, row.attempt])).toEqual([[1, 2]]);
}, 120_000);
