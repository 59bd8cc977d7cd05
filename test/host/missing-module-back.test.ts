/**
 * jobs.yaml refused because a job's module file is not there (renamed away, a checkout that has not
 * brought it yet) is applied once the file is back, as an edit of jobs.yaml would be: no `reload`, no
 * second edit. Real headless schedulers, real files, real runs.
 */
import {spawn} from 'node:child_process';
import {existsSync, mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {cliOn, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {configStatus, keepLastGood, tickingJob} from '../helpers/last-good-roots.js';
import {waitFor} from '../helpers/wait-for.js';
import {barsModule, startedBarsRoot} from '../helpers/bars-job-root.js';

const processes = trackHeadlessProcesses();

type JobStatus = {id: string; nextFireAt: string | null};

function statusJobs(dir: string): JobStatus[] {
	return configStatus(dir).jobs as JobStatus[];
}


describe('a jobs.yaml refused for a missing module file', () => {
	it('while the scheduler runs: applied once the file is renamed back, and the job runs', async () => {
		const {root, cli} = await startedBarsRoot(processes);

		// Given: the module renamed away, then an edit of jobs.yaml that still names it: not applied.
		renameSync(path.join(root.dir, 'jobs/bars.ts'), path.join(root.dir, 'jobs/bars-old.ts'));
		root.write('config/jobs.yaml', 'jobs:\n  - {id: bars, cron: "30 9 * * *", module: jobs/bars.ts}\n  - {id: quotes, cron: "0 10 * * *", module: jobs/quotes.ts}\n');
		await waitFor(() => configStatus(root.dir).configProblems.some(problem => problem.message === 'module file not found: jobs/bars.ts'), 15_000, 'the edit to be refused');
		expect(statusJobs(root.dir).map(job => job.id)).toEqual(['bars']);
		expect(cli('status')).toContain('config not applied, 1 problem');

		// When: the file is renamed back. Then: the edit applies by itself.
		renameSync(path.join(root.dir, 'jobs/bars-old.ts'), path.join(root.dir, 'jobs/bars.ts'));
		await waitFor(() => statusJobs(root.dir).some(job => job.id === 'quotes'), 15_000, 'jobs.yaml to be applied once the module is back');
		expect(configStatus(root.dir).configProblems).toEqual([]);
		expect(cli('status')).not.toContain('config not applied');
		expect(statusJobs(root.dir).find(job => job.id === 'bars')?.nextFireAt).toMatch(/T09:30:00/);
		expect(cli('run', 'bars')).toContain('rows');
	}, 120_000);

	it('while a job writes in jobs/ every 100 ms: applied once the file is renamed back, the writes do not hold it off', async () => {
		const root = processes.makeRoot({
			'config/jobs.yaml': 'jobs:\n  - {id: bars, cron: "0 9 * * *", module: jobs/bars.ts}\n',
			'jobs/bars.ts': barsModule,
			'jobs/quotes.ts': barsModule,
		});
		const scheduler = processes.start(root.dir);
		await schedulerStarted(scheduler);
		renameSync(path.join(root.dir, 'jobs/bars.ts'), path.join(root.dir, 'jobs/bars-old.ts'));
		root.write('config/jobs.yaml', 'jobs:\n  - {id: bars, cron: "0 9 * * *", module: jobs/bars.ts}\n  - {id: quotes, cron: "0 10 * * *", module: jobs/quotes.ts}\n');
		await waitFor(() => configStatus(root.dir).configProblems.some(problem => problem.message === 'module file not found: jobs/bars.ts'), 15_000, 'the edit to be refused');

		// Given: another process writing a file of its own in jobs/ every 100 ms (in this process, the CLI's status
		// calls would pause it). When: the module is renamed back. Then: jobs.yaml applies while the writes go on.
		const writer = spawn(process.execPath, ['-e', 'setInterval(() => require("node:fs").writeFileSync(process.argv[1], String(Date.now())), 100)', path.join(root.dir, 'jobs/progress.txt')], {stdio: 'ignore'});
		try {
			await waitFor(() => existsSync(path.join(root.dir, 'jobs/progress.txt')), 10_000, 'the writer to start writing');
			renameSync(path.join(root.dir, 'jobs/bars-old.ts'), path.join(root.dir, 'jobs/bars.ts'));
			await waitFor(() => statusJobs(root.dir).some(job => job.id === 'quotes'), 10_000, 'jobs.yaml to be applied while jobs/ changes every 100 ms');
			expect(writer.exitCode).toBeNull();
			expect(configStatus(root.dir).configProblems).toEqual([]);
		} finally {
			writer.kill();
		}
	}, 120_000);

	it('while the scheduler runs: applied once a release switch points the symlinked jobs/ folder at one with the file', async () => {
		const root = processes.makeRoot({
			'config/jobs.yaml': 'jobs:\n  - {id: bars, cron: "0 9 * * *", module: jobs/bars.ts}\n',
			'releases/1/bars.ts': barsModule,
			'releases/2/bars.ts': barsModule,
			'releases/2/quotes.ts': barsModule,
		});
		symlinkSync('releases/1', path.join(root.dir, 'jobs'));
		const cli = cliOn(root.dir);
		const scheduler = processes.start(root.dir);
		await schedulerStarted(scheduler);

		// Given: jobs.yaml edited for the next release before jobs/ points at it: not applied.
		root.write('config/jobs.yaml', 'jobs:\n  - {id: bars, cron: "0 9 * * *", module: jobs/bars.ts}\n  - {id: quotes, cron: "0 10 * * *", module: jobs/quotes.ts}\n');
		await waitFor(() => configStatus(root.dir).configProblems.some(problem => problem.message === 'module file not found: jobs/quotes.ts'), 15_000, 'the edit to be refused');

		// When: the switch, as deploy tools make it: a new link renamed over jobs. Then: the edit applies by itself.
		symlinkSync('releases/2', path.join(root.dir, 'jobs.next'));
		renameSync(path.join(root.dir, 'jobs.next'), path.join(root.dir, 'jobs'));
		await waitFor(() => statusJobs(root.dir).some(job => job.id === 'quotes'), 15_000, 'jobs.yaml to be applied once jobs/ has the module');
		expect(configStatus(root.dir).configProblems).toEqual([]);
		expect(cli('run', 'quotes')).toContain('rows');
	}, 120_000);

	it('at a start on the last good list: applied once a checkout brings the module and its folder, and the notice goes', async () => {
		const root = processes.makeRoot();
		const tickFile = path.join(root.dir, 'ticks.txt');
		root.write('config/jobs.yaml', `jobs:\n${tickingJob('tick', tickFile)}`);
		await keepLastGood(processes, root.dir);

		// Given: jobs.yaml names a module whose folder is not there yet (a checkout half done); the scheduler starts on the last good list.
		root.write('config/jobs.yaml', `jobs:\n${tickingJob('tick', tickFile)}  - {id: daily, cron: "0 18 * * *", module: jobs/reports/daily.ts}\n`);
		rmSync(path.join(root.dir, 'jobs'), {recursive: true, force: true});
		const scheduler = processes.start(root.dir);
		await schedulerStarted(scheduler);
		const cli = cliOn(root.dir);
		expect(configStatus(root.dir).notices.some(text => text.startsWith('the last good job list, from '))).toBe(true);
		expect(configStatus(root.dir).configProblems.map(problem => problem.message)).toEqual(['module file not found: jobs/reports/daily.ts']);

		// When: the folders are made, then the file. Then: jobs.yaml applies, the notice goes, and the job runs.
		mkdirSync(path.join(root.dir, 'jobs/reports'), {recursive: true});
		writeFileSync(path.join(root.dir, 'jobs/reports/daily.ts'), barsModule);
		await waitFor(() => statusJobs(root.dir).some(job => job.id === 'daily'), 15_000, 'jobs.yaml to be applied once the module is back');
		const now = configStatus(root.dir);
		expect(now.notices.filter(text => text.startsWith('the last good job list'))).toEqual([]);
		expect(now.configProblems).toEqual([]);
		expect(statusJobs(root.dir).find(job => job.id === 'daily')?.nextFireAt).toMatch(/T18:00:00/);
		expect(cli('status')).not.toContain('config not applied');
		expect(cli('run', 'daily')).toContain('rows');
	}, 120_000);
});
