/**
 * A scheduler started (a reboot, `systemctl restart`) while jobs.yaml is missing (a bad `git checkout`)
 * or unreadable goes on with the last good job list its root applied, says so naming the file and the
 * cause, counts it as a config problem (`status --json`, /metrics' sage_config_problems), and applies
 * the file once it is back; a root that never applied a good file (the first start, a mistyped `--root`)
 * still refuses. Real headless schedulers with their HTTP API, real files, a real per-second command job.
 */
import {mkdirSync, readFileSync, rmSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {startHeadlessWithApi} from '../helpers/headless-api.js';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {configProblemsMetric, configStatus, keepLastGood, stopScheduler, tickingJob, ticks} from '../helpers/last-good-roots.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

// What runs instead, and until when; the problem itself (`the file is missing`) is counted beside it, not said twice.
const missingNotice = /^the last good job list, from \d{4}-\d\d-\d\d \d\d:\d\d:\d\d, is in use until \S*config\/jobs\.yaml is back$/;
const deletedNotice = /^the jobs loaded before keep running until \S*config\/jobs\.yaml is back$/;

describe('a scheduler started without its jobs.yaml', () => {
	it('goes on with the last good job list, counts the missing file as a config problem, and applies the file once it is back', async () => {
		const root = processes.makeRoot();
		const jobsFile = path.join(root.dir, 'config/jobs.yaml');
		const tickFile = path.join(root.dir, 'ticks.txt');
		const tockFile = path.join(root.dir, 'tocks.txt');

		// Given a first start without the file: refused as before (nothing to go on with).
		mkdirSync(path.join(root.dir, 'config'));
		const first = runCli(['--headless', '--root', root.dir], {timeoutMs: 30_000});
		expect(first.code).toBe(1);
		expect(first.stderr).toMatch(/jobs\.yaml:1:1: file not found \(root /);

		// And a start that applied it.
		root.write('config/jobs.yaml', `jobs:\n${tickingJob('tick', tickFile)}`);
		await keepLastGood(processes, root.dir);

		// When the file is gone at the next start: the job that was fine fires, and the operator is told.
		rmSync(jobsFile);
		const {app, url} = await startHeadlessWithApi(processes, root.dir);
		const now = configStatus(root.dir);
		expect(now.jobs.map(job => job.id)).toEqual(['tick']);
		expect(now.notices.some(text => missingNotice.test(text))).toBe(true);
		expect(now.configProblems).toEqual([expect.objectContaining({line: 1, message: 'the file is missing'})]);
		await configProblemsMetric(url, 1);
		const before = ticks(tickFile);
		await waitFor(() => ticks(tickFile) >= before + 2, 15_000, 'the job to fire on the last good list');
		expect(app.output().stdout).toMatch(/config not applied, 1 problem; the last good job list, from [^"]*, is in use"/);
		expect(app.output().stdout).toMatch(/the last good job list, from .* is in use until \S*config\/jobs\.yaml is back/);

		// Then the file is back (with a job more): applied, the notice and the problem go.
		root.write('config/jobs.yaml', `jobs:\n${tickingJob('tick', tickFile)}${tickingJob('tock', tockFile)}`);
		await waitFor(() => {
			const back = configStatus(root.dir);
			return back.jobs.some(job => job.id === 'tock') && !back.notices.some(text => missingNotice.test(text)) && back.configProblems.length === 0;
		}, 15_000, 'the file to be applied once back');
		await configProblemsMetric(url, 0);
		await waitFor(() => ticks(tockFile) >= 1, 15_000, 'the new job to fire');

		// Deleted while running: the same problem as at a start without it, counted the same way.
		const applied = readFileSync(jobsFile, 'utf8');
		rmSync(jobsFile);
		await waitFor(() => configStatus(root.dir).notices.some(text => deletedNotice.test(text)), 15_000, 'the deleted file\'s notice');
		expect(configStatus(root.dir).configProblems).toEqual([expect.objectContaining({line: 1, message: 'the file is missing'})]);
		await configProblemsMetric(url, 1);

		// Back as it was (a `git checkout` undone): applied again, so the problem goes though nothing changed.
		root.write('config/jobs.yaml', applied);
		await waitFor(() => {
			const back = configStatus(root.dir);
			return back.notices.length === 0 && back.configProblems.length === 0;
		}, 15_000, 'the file back as it was to clear the problem');
		await configProblemsMetric(url, 0);
		expect(configStatus(root.dir).jobs.map(job => job.id)).toEqual(['tick', 'tock']);

		// Deleted again and written otherwise: picked up as well.
		rmSync(jobsFile);
		await configProblemsMetric(url, 1);
		root.write('config/jobs.yaml', `jobs:\n${tickingJob('tock', tockFile)}`);
		await waitFor(() => {
			const back = configStatus(root.dir);
			return back.jobs.map(job => job.id).join() === 'tock' && back.notices.length === 0 && back.configProblems.length === 0;
		}, 15_000, 'the re-created file to be applied');
		await configProblemsMetric(url, 0);
		await stopScheduler(app);
	}, 120_000);

	it('with its whole config/ folder gone (a `git checkout` removes an emptied folder), at start and while running, applies the file once the folder is back', async () => {
		const root = processes.makeRoot();
		const tickFile = path.join(root.dir, 'ticks.txt');
		root.write('config/jobs.yaml', `jobs:\n${tickingJob('tick', tickFile)}`);
		await keepLastGood(processes, root.dir);

		// Given a start with no config/ at all: the last good list runs.
		rmSync(path.join(root.dir, 'config'), {recursive: true});
		const second = processes.start(root.dir);
		await schedulerStarted(second);
		expect(configStatus(root.dir).notices.some(text => missingNotice.test(text))).toBe(true);

		// When config/jobs.yaml is back, in a new folder: applied.
		root.write('config/jobs.yaml', `jobs:\n${tickingJob('tock', tickFile)}`);
		await waitFor(() => {
			const back = configStatus(root.dir);
			return back.jobs.map(job => job.id).join() === 'tock' && back.notices.length === 0 && back.configProblems.length === 0;
		}, 15_000, 'the file to be applied once its folder is back');

		// And the folder gone and back while running: applied, and its edits after that too.
		rmSync(path.join(root.dir, 'config'), {recursive: true});
		await waitFor(() => configStatus(root.dir).notices.some(text => deletedNotice.test(text)), 15_000, 'the deleted file\'s notice');
		expect(configStatus(root.dir).configProblems).toEqual([expect.objectContaining({message: 'the file is missing'})]);
		root.write('config/jobs.yaml', `jobs:\n${tickingJob('tick', tickFile)}`);
		await waitFor(() => configStatus(root.dir).jobs.map(job => job.id).join() === 'tick' && configStatus(root.dir).notices.length === 0 && configStatus(root.dir).configProblems.length === 0, 15_000, 'the file to be applied once its folder is made again');
		root.write('config/jobs.yaml', `jobs:\n${tickingJob('tick', tickFile)}${tickingJob('tock', tickFile)}`);
		await waitFor(() => configStatus(root.dir).jobs.length === 2, 15_000, 'an edit in the new folder to be applied');
		await stopScheduler(second);
	}, 120_000);

	it('an unreadable jobs.yaml (a folder in its place) goes on with the last good list and names the cause', async () => {
		const root = processes.makeRoot();
		const tickFile = path.join(root.dir, 'ticks.txt');
		root.write('config/jobs.yaml', `jobs:\n${tickingJob('tick', tickFile)}`);
		await keepLastGood(processes, root.dir);

		rmSync(path.join(root.dir, 'config/jobs.yaml'));
		mkdirSync(path.join(root.dir, 'config/jobs.yaml'));
		const second = processes.start(root.dir);
		await schedulerStarted(second);
		const now = configStatus(root.dir);
		expect(now.jobs.map(job => job.id)).toEqual(['tick']);
		expect(now.notices).toEqual([expect.stringMatching(/^the last good job list, from .*, is in use until \S*config\/jobs\.yaml can be read$/)]);
		expect(now.configProblems).toEqual([expect.objectContaining({message: expect.stringMatching(/^the file cannot be read \(EISDIR: /)})]);

		// The folder made a file again: applied.
		rmSync(path.join(root.dir, 'config/jobs.yaml'), {recursive: true});
		root.write('config/jobs.yaml', `jobs:\n${tickingJob('tock', tickFile)}`);
		await waitFor(() => {
			const back = configStatus(root.dir);
			return back.jobs.map(job => job.id).join() === 'tock' && back.notices.length === 0 && back.configProblems.length === 0;
		}, 15_000, 'the file to be applied once it reads');
		await stopScheduler(second);
		rmSync(path.join(root.dir, 'config/jobs.yaml'));
		mkdirSync(path.join(root.dir, 'config/jobs.yaml'));

		// A one-off run (no scheduler up) never uses the last good list: the file's error, as before.
		const oneOff = runCli(['run', 'tick', '--root', root.dir]);
		expect(oneOff.code).not.toBe(0);
		expect(oneOff.stderr).toMatch(/EISDIR/);
	}, 90_000);
});
