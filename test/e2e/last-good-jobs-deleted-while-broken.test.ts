/**
 * A scheduler that started with a broken jobs.yaml runs on the last good job list: that list is the
 * one file a restart needs to go on. `rm -rf data` under it takes the list too; the root guard writes
 * it again (with the time it was kept) as it does under a scheduler whose jobs.yaml was good, so the
 * next start, jobs.yaml still broken, goes on with it instead of refusing to start. Real processes.
 */
import {readFileSync, rmSync, statSync} from 'node:fs';
import path from 'node:path';
import {expect, it} from 'vitest';
import {schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

const jobsYaml = `jobs:
  - {id: tick, cron: "*/2 * * * * *", command: ["true"]}
`;

it('the last good list a scheduler started on (jobs.yaml broken) is written again when data/ is removed', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
	const lastGood = path.join(root.dir, 'data/sage.last-good-jobs.yaml');
	const first = processes.start(root.dir);
	await schedulerStarted(first);
	const kept = () => {
		try {
			return readFileSync(lastGood, 'utf8');
		} catch {
			return undefined;
		}
	};

	await waitFor(() => kept() === jobsYaml, 15_000, 'the good jobs.yaml kept');
	const keptAt = statSync(lastGood).mtimeMs;
	first.child.kill('SIGTERM');
	expect(await first.exited).toBe(0);

	root.write('config/jobs.yaml', 'jobs:\n  - {id: tick, cron: [broken\n');
	const onLastGood = processes.start(root.dir);
	await schedulerStarted(onLastGood);
	expect(onLastGood.output().stdout).toMatch(/the last good job list, from [^"]*, is in use"/);

	// As `rm -rf data` run again when it says "Directory not empty": the scheduler writes its database
	// (a tick every 2 s) and may mend a file while the folder is being emptied.
	rmSync(path.join(root.dir, 'data'), {recursive: true, maxRetries: 50, retryDelay: 50});
	// The file itself, not only the line: a mend between two passes of the rm is removed again by the next.
	await waitFor(() => onLastGood.output().stdout.includes('data/sage.last-good-jobs.yaml was deleted; written again') && kept() === jobsYaml, 30_000, 'the scheduler to write the last good list again');
	expect(Math.round(statSync(lastGood).mtimeMs)).toBe(Math.round(keptAt));
	onLastGood.child.kill('SIGTERM');
	expect(await onLastGood.exited).toBe(0);

	// jobs.yaml still broken: the next start goes on with the list, not refusing to start.
	const next = processes.start(root.dir);
	await schedulerStarted(next);
	expect(next.output().stdout).toMatch(/the last good job list, from [^"]*, is in use"/);
}, 90_000);
