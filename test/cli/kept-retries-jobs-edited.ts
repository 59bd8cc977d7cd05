/**
 * The set-up of the tests of next attempts kept across a stop whose jobs were edited while the scheduler
 * was down: gone, off, held and byhand (and any more a test adds), each failing every run and keeping its
 * attempt 2 for 10 minutes; byhand paused before its run is asked for by hand. Built binaries, a real
 * headless scheduler, a real SQLite file.
 */
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {expect} from 'vitest';
import {runCli, schedulerStarted, type HeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';
import {waitingRetryRows} from '../helpers/waiting-retry-rows.js';

/** A job's fields after its id: manual, fails with exit 3, one retry 10 minutes later. */
export const failing = 'trigger: manual, retries: 1, retry_backoff: 10m, command: ["sh", "-c", "exit 3"]';

/**
 * A scheduler on a new root with those jobs (`more`: an id to its fields before `failing`, after them in
 * jobs.yaml): byhand paused, each job run once (runs 1, 2… in that order), every run failed and its
 * attempt 2 kept in the database, the scheduler stopped (SIGTERM, exit 0), and then jobs.yaml edited as
 * while it was down: gone removed, off disabled, held paused, the rest as they were.
 */
export async function retriesKeptThenJobsEdited(processes: HeadlessProcesses, more: Record<string, string> = {}) {
	const moreLines = Object.entries(more).map(([id, fields]) => `  - {id: ${id}, ${fields}, ${failing}}\n`).join('');
	const before = `jobs:
  - {id: gone, ${failing}}
  - {id: off, ${failing}}
  - {id: held, ${failing}}
  - {id: byhand, ${failing}}
${moreLines}`;
	const after = `jobs:
  - {id: off, enabled: false, ${failing}}
  - {id: held, paused: true, ${failing}}
  - {id: byhand, ${failing}}
${moreLines}`;

	const root = processes.makeRoot({'config/jobs.yaml': before});
	const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);
	const first = processes.start(root.dir);
	await schedulerStarted(first);
	expect(cli('pause', 'byhand').code).toBe(0);
	const jobIds = ['gone', 'off', 'held', 'byhand', ...Object.keys(more)];
	for (const [index, jobId] of jobIds.entries()) {
		expect(cli('run', jobId, '--detach').stdout.trim()).toBe(String(index + 1));
	}

	await waitFor(() => waitingRetryRows(root.dir).length === jobIds.length, 30_000, `the ${jobIds.length} runs to fail and their retries to be kept`);
	first.child.kill('SIGTERM');
	expect(await first.exited).toBe(0);

	writeFileSync(path.join(root.dir, 'config/jobs.yaml'), after);
	return {root, cli};
}
