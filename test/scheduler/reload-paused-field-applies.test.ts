/**
 * jobs.yaml's `paused:` says whether a job is paused until an operator pauses or resumes it (history
 * keeps that). An edit of it applies at a reload, as it does at a start and as `list` shows it: the
 * running scheduler kept the job as it was, firing it while `list` said "paused" and a restart would
 * have paused it. A pause or resume of the operator's still outlasts an edit. Real headless scheduler,
 * real files, the watcher.
 */
import {describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

const jobs = (extra: string) => `jobs:\n  - id: tick\n    cron: "0 * * * *"\n${extra}    command: ["true"]\n`;

function pausedLive(dir: string): boolean | undefined {
	const status = JSON.parse(runCli(['status', '--json', '--root', dir]).stdout) as {jobs: Array<{id: string; paused: boolean}>};
	return status.jobs.find(job => job.id === 'tick')?.paused;
}

function pausedListed(dir: string): boolean | undefined {
	const listed = JSON.parse(runCli(['list', '--json', '--root', dir]).stdout) as Array<{id: string; paused: boolean}>;
	return listed.find(job => job.id === 'tick')?.paused;
}

describe('paused: edited in jobs.yaml while the scheduler runs', () => {
	it('Given a job no operator paused or resumed, When paused: true is added, and then taken out, Then the scheduler follows each edit as list does', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': jobs('')});
		await schedulerStarted(processes.start(root.dir));
		expect(pausedLive(root.dir)).toBe(false);

		root.write('config/jobs.yaml', jobs('    paused: true\n'));
		await waitFor(() => pausedLive(root.dir) === true, 30_000, 'the scheduler to hold tick paused');
		expect(pausedListed(root.dir)).toBe(true);

		root.write('config/jobs.yaml', jobs(''));
		await waitFor(() => pausedLive(root.dir) === false, 30_000, 'the scheduler to let tick fire again');
		expect(pausedListed(root.dir)).toBe(false);
	}, 120_000);

	it('an operator\'s resume outlasts a later edit of the job', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': jobs('    paused: true\n')});
		const scheduler = processes.start(root.dir);
		await schedulerStarted(scheduler);
		expect(pausedLive(root.dir)).toBe(true);
		expect(runCli(['resume', 'tick', '--root', root.dir]).code).toBe(0);
		expect(pausedLive(root.dir)).toBe(false);

		root.write('config/jobs.yaml', jobs('    paused: true\n    name: every hour\n'));
		await waitFor(() => scheduler.output().stdout.includes('"msg":"config reloaded: 0 added, 0 removed, 1 changed (~ tick)"'), 30_000, 'the edit to be applied');
		expect(pausedLive(root.dir)).toBe(false);
	}, 120_000);
});
