/**
 * config/jobs.yaml broken the ways an operator breaks it, read by the built CLI: every problem says
 * where (FILE:LINE:COL) and what, in words that point at the mistake.
 */
import {describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

describe('config/jobs.yaml problems, as validate and the scheduler say them', () => {
	it('an empty file, or one of comments only, is said to be empty (not "the top level must be a mapping")', () => {
		const root = processes.makeRoot({'config/jobs.yaml': ''});
		const empty = runCli(['validate'], {cwd: root.dir});
		expect(empty.code).toBe(1);
		expect(empty.stderr).toBe('config/jobs.yaml:1:1: the file is empty (or only comments): it needs a jobs: list\n1 problem; nothing was loaded from this file\n');

		root.write('config/jobs.yaml', '# the jobs go here\n\n');
		const comments = runCli(['validate'], {cwd: root.dir});
		expect(comments.code).toBe(1);
		expect(comments.stderr).toBe('config/jobs.yaml:1:1: the file is empty (or only comments): it needs a jobs: list\n1 problem; nothing was loaded from this file\n');
	});

	it('a running scheduler given an emptied file says so and keeps the jobs it had firing', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: tick, cron: "* * * * * *", command: ["true"]}\n'});
		const scheduler = processes.start(root.dir);
		await schedulerStarted(scheduler);
		root.write('config/jobs.yaml', '');
		const reload = runCli(['reload', '--root', root.dir]);
		expect(reload.code).toBe(1);
		expect(reload.stderr).toMatch(/config\/jobs\.yaml:1:1: the file is empty \(or only comments\): it needs a jobs: list\nnot applied; the jobs loaded before keep running\n/);
		const ticks = () => (scheduler.output().stdout.match(/"jobId":"tick".*"msg":"run finished"/g) ?? []).length;
		const before = ticks();
		await waitFor(() => ticks() >= before + 2, 10_000, 'two more tick runs');
	}, 60_000);
});
