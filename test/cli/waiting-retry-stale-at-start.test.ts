/**
 * A next attempt kept across a restart that fell due longer ago than its job's `misfire_grace` (the
 * box was down over the weekend: Friday's retry found on Monday) is not run at the start, said in the
 * log as a fire time missed by more than the grace is said; it ran at once however old. One due within
 * the grace, and one of a job with no grace, run at once as before.
 * Given three failed runs whose retries were kept by a stopped scheduler, their due times set back in
 * the database as if the scheduler had stayed down (three days; ten minutes), when the next starts.
 * Built binaries, real headless schedulers, a real SQLite file.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import {expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';
import {waitingRetryRows} from '../helpers/waiting-retry-rows.js';

const processes = trackHeadlessProcesses();

const failing = 'trigger: manual, retries: 1, retry_backoff: 10m, command: ["sh", "-c", "exit 3"]';
const jobsYaml = `jobs:
  - {id: strict, misfire_grace: 1h, ${failing}}
  - {id: loose, ${failing}}
  - {id: fresh, misfire_grace: 1h, ${failing}}
`;

type Row = {id: number; job_id: string; status: string; attempt: number};

function setDueAgo(root: string, runId: number, agoMs: number): void {
	const db = new Database(path.join(root, 'data/sage.db'));
	try {
		db.prepare('UPDATE waiting_retries SET due_at = ? WHERE run_id = ?').run(Date.now() - agoMs, runId);
	} finally {
		db.close();
	}
}

it('does not run a kept retry due longer ago than its job\'s misfire_grace, and says so', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
	const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);
	const first = processes.start(root.dir);
	await schedulerStarted(first);
	for (const [index, jobId] of ['strict', 'loose', 'fresh'].entries()) {
		expect(cli('run', jobId, '--detach').stdout.trim()).toBe(String(index + 1));
	}

	await waitFor(() => waitingRetryRows(root.dir).length === 3, 30_000, 'the three runs to fail and their retries to wait');
	first.child.kill('SIGTERM');
	expect(await first.exited).toBe(0);
	setDueAgo(root.dir, 1, 3 * 86_400_000);
	setDueAgo(root.dir, 2, 3 * 86_400_000);
	setDueAgo(root.dir, 3, 10 * 60_000);

	const second = processes.start(root.dir);
	await schedulerStarted(second);
	const {stdout} = second.output();
	expect(stdout).toMatch(/strict: attempt 2 not run: due at \d{4}-\d\d-\d\dT[\d:]+\+08:00 after run 1, missed by 3d\S* while the scheduler was down, more than its misfire_grace 1h00m \(sage-console retry 1 asks for it\)/);
	expect(stdout).toContain('loose: attempt 2 of 2 after run 2, kept across the restart, fell due while the scheduler was down: runs now');
	expect(stdout).toContain('fresh: attempt 2 of 2 after run 3, kept across the restart, fell due while the scheduler was down: runs now');

	const history = () => JSON.parse(cli('history', '--json').stdout) as Row[];
	await waitFor(() => history().filter(row => row.attempt === 2 && row.status === 'failed').length === 2, 30_000, 'the two retries within their grace to run');
	expect(history().map(row => [row.id, row.job_id, row.attempt]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([[1, 'strict', 1], [2, 'loose', 1], [3, 'fresh', 1], [4, 'loose', 2], [5, 'fresh', 2]]);
	expect(waitingRetryRows(root.dir)).toEqual([]);
}, 120_000);
