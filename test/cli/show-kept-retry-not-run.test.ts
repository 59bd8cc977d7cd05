/**
 * `show RUN_ID` with no scheduler running, of a failed run whose next attempt was kept for the next
 * start, when that start will not run it: its job removed from jobs.yaml, disabled or paused there,
 * or the attempt due longer ago than the job's misfire_grace. Show says so and why, as the start then
 * says it, where it promised the attempt runs after the scheduler starts. One of a run started by hand
 * while its job was paused still runs, and show still says so. Built binaries, real headless
 * schedulers, a real SQLite file.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import {expect, it} from 'vitest';
import {schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {retriesKeptThenJobsEdited} from './kept-retries-jobs-edited.js';

const processes = trackHeadlessProcesses();

const keptPrefix = /^retry {7}attempt 2 of 2 at \d\d-\d\d \d\d:\d\d:\d\d \((in|due) [^)]+\), kept while no scheduler runs/m;

it('says a kept retry the next start will not run will not run, and why, as the start then says it', async () => {
	// stale's attempt is then made due 3 days ago, more than its misfire_grace.
	const {root, cli} = await retriesKeptThenJobsEdited(processes, {stale: 'misfire_grace: 1h'});
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
