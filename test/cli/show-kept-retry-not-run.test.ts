/**
 * `show RUN_ID` with no scheduler running, of a failed run whose next attempt was kept for the next
 * start, when that start will not run it: its job removed from jobs.yaml, disabled or paused there,
 * or the attempt due longer ago than the job's misfire_grace. Show says so and why, as the start then
 * says it, where it promised the attempt runs after the scheduler starts. One of a run started by hand
 * while its job was paused still runs, and show still says so. Built binaries, real headless
 * schedulers, a real SQLite file.
 */
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';
import {waitingRetryRows} from '../helpers/waiting-retry-rows.js';

const processes = trackHeadlessProcesses();

const failing = 'trigger: manual, retries: 1, retry_backoff: 10m, command: ["sh", "-c", "exit 3"]';

const before = `jobs:
  - {id: gone, ${failing}}
  - {id: off, ${failing}}
  - {id: held, ${failing}}
  - {id: byhand, ${failing}}
  - {id: stale, misfire_grace: 1h, ${failing}}
`;

// Edited while the scheduler was down: gone removed, off disabled, held paused.
const after = `jobs:
  - {id: off, enabled: false, ${failing}}
  - {id: held, paused: true, ${failing}}
  - {id: byhand, ${failing}}
  - {id: stale, misfire_grace: 1h, ${failing}}
`;

const keptPrefix = /^retry {7}attempt 2 of 2 at \d\d-\d\d \d\d:\d\d:\d\d \((in|due) [^)]+\), kept while no scheduler runs/m;

it('says a kept retry the next start will not run will not run, and why, as the start then says it', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': before});
	const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);
	const first = processes.start(root.dir);
	await schedulerStarted(first);
	expect(cli('pause', 'byhand').code).toBe(0);
	for (const [index, jobId] of ['gone', 'off', 'held', 'byhand', 'stale'].entries()) {
		expect(cli('run', jobId, '--detach').stdout.trim()).toBe(String(index + 1));
	}

	await waitFor(() => waitingRetryRows(root.dir).length === 5, 30_000, 'the five runs to fail and their retries to be kept');
	first.child.kill('SIGTERM');
	expect(await first.exited).toBe(0);

	writeFileSync(path.join(root.dir, 'config/jobs.yaml'), after);
	const db = new Database(path.join(root.dir, 'data/sage.db'));
	db.prepare('UPDATE waiting_retries SET due_at = ? WHERE run_id = 5').run(Date.now() - (3 * 86_400_000));
	db.close();

	const notRun = (runId: string) => {
		const {stdout} = cli('show', runId);
		expect(stdout).toMatch(keptPrefix);
		return /, but the next start will not run it: (.*)$/m.exec(stdout)?.[1];
	};

	const reasons = {
		gone: notRun('1'),
		off: notRun('2'),
		held: notRun('3'),
	};
	expect(reasons).toEqual({
		gone: 'the job was removed from the config while it waited for its backoff after run 1',
		off: 'off was disabled (enabled: false) while it waited for its backoff after run 2 (sage-console retry 2 asks for it)',
		held: 'held was paused while it waited for its backoff after run 3 (sage-console retry 3 asks for it)',
	});
	expect(notRun('5')).toMatch(/^due at \S+ after run 5, missed by 3d\S* while the scheduler was down, more than its misfire_grace 1h00m \(sage-console retry 5 asks for it\)$/);
	expect(cli('show', '4').stdout).toContain('kept while no scheduler runs: it runs after the scheduler starts');

	const json = JSON.parse(cli('show', '1', '--json').stdout) as Record<string, unknown>;
	expect(json).not.toHaveProperty('next_attempt');
	expect(json).toMatchObject({kept_retry_not_run: {attempt: 2, why: reasons.gone}});
	expect(JSON.parse(cli('show', '4', '--json').stdout)).toMatchObject({next_attempt: {attempt: 2, after_scheduler_start: true}});

	const second = processes.start(root.dir);
	await schedulerStarted(second);
	for (const [jobId, why] of Object.entries(reasons)) {
		expect(second.output().stdout).toContain(`${jobId}: attempt 2 not run: ${why}`);
	}

	expect(second.output().stdout).toContain('stale: attempt 2 not run: due at');
	expect(second.output().stdout).toMatch(/byhand: attempt 2 of 2 after run 4, kept across the restart, in \d+ s/);
}, 120_000);
