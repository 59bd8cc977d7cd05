/**
 * `import` edits jobs.yaml in place: an operator's hand-kept file (comments, aligned trailing comments,
 * `{ … }` jobs with inner spaces, blank lines between jobs) comes out byte for byte the same outside the
 * jobs the import replaces or adds. Runs the built CLI on a real file, on the files alone and through a
 * live headless scheduler that reloads it.
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {parse} from 'yaml';
import {afterEach, describe, expect, it} from 'vitest';
import {edited, expectOnlyImportedLinesChanged, handKept} from '../helpers/hand-kept-jobs.js';
import {HeadlessProcesses, runCli, schedulerStarted} from '../helpers/run-cli.js';

const processes = new HeadlessProcesses();
afterEach(() => {
	processes.cleanUp();
});

describe('import into a hand-kept jobs.yaml', () => {
	it('on the files: the dry run writes nothing; the import changes only the replaced and the added job\'s lines, and validate passes', () => {
		const root = processes.makeRoot({'config/jobs.yaml': handKept});
		const file = root.write('edited.yaml', edited);
		const configFile = path.join(root.dir, 'config/jobs.yaml');
		const dry = runCli(['import', file, '--dry-run', '--root', root.dir]);
		expect(dry).toEqual({code: 0, stderr: '', stdout: '+ news\n~ weekly_report\n    day_of_week: mon → tue\n    minute: 0 → 30\ndry run: jobs.yaml not written (1 added, 1 changed, 0 removed)\n'});
		expect(readFileSync(configFile, 'utf8')).toBe(handKept);
		const real = runCli(['import', file, '--root', root.dir]);
		expect(real).toMatchObject({code: 0, stderr: ''});
		expect(real.stdout).toContain('jobs.yaml written (1 added, 1 changed, 0 removed)');
		const after = readFileSync(configFile, 'utf8');
		expectOnlyImportedLinesChanged(handKept, after);
		expect(runCli(['validate', '--root', root.dir]).code).toBe(0);
		// The same import again finds nothing to change and leaves the file as it is.
		expect(runCli(['import', file, '--root', root.dir]).stdout).toContain('nothing to change');
		expect(readFileSync(configFile, 'utf8')).toBe(after);
	}, 120_000);

	it('through a live scheduler: the same lines change, and the scheduler reloads the replaced and the added job', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': handKept});
		const file = root.write('edited.yaml', edited);
		await schedulerStarted(processes.start(root.dir));
		const real = runCli(['import', file, '--root', root.dir]);
		expect(real).toMatchObject({code: 0, stderr: ''});
		expect(real.stdout).toContain('jobs.yaml written (1 added, 1 changed, 0 removed); the running scheduler reloaded it');
		expectOnlyImportedLinesChanged(handKept, readFileSync(path.join(root.dir, 'config/jobs.yaml'), 'utf8'));
		const status = JSON.parse(runCli(['status', '--json', '--root', root.dir]).stdout) as {jobs: Array<{id: string; nextFireAt: string}>; configProblems: unknown[]};
		expect(status.configProblems).toEqual([]);
		expect(status.jobs.map(job => job.id)).toEqual(['fetch_daily', 'quotes', 'weekly_report', 'cleanup', 'news']);
		const weekly = status.jobs.find(job => job.id === 'weekly_report')!;
		expect(weekly.nextFireAt).toMatch(/T09:30:00\+08:00$/);
		expect(new Date(weekly.nextFireAt).getUTCDay()).toBe(2);
	}, 120_000);

	it('a job list it cannot edit in place ([ … ]) is written whole, and the dry run and the import say so', () => {
		const flowList = 'jobs: [{id: quotes, cron: "*/5 9-15 * * 1-5", command: ["true"]}]   # one line\n';
		const root = processes.makeRoot({'config/jobs.yaml': flowList});
		const file = root.write('edited.yaml', edited);
		const dry = runCli(['import', file, '--dry-run', '--root', root.dir]);
		expect(dry.code).toBe(0);
		expect(dry.stderr).toContain('would be written whole, not edited in place (the job list is a flow sequence [ … ])');
		const real = runCli(['import', file, '--root', root.dir]);
		expect(real.stderr).toContain('was written whole, not edited in place');
		expect(real.stdout).toContain('jobs.yaml written (4 added, 0 changed, 0 removed)');
		expect(runCli(['validate', '--root', root.dir]).code).toBe(0);
		expect((parse(readFileSync(path.join(root.dir, 'config/jobs.yaml'), 'utf8')) as {jobs: Array<{id: string}>}).jobs.map(job => job.id)).toEqual(['quotes', 'fetch_daily', 'weekly_report', 'cleanup', 'news']);
	}, 120_000);
});
