/**
 * A date job left as it is in jobs.yaml is not "changed" by a reload after its run_date passed: that it
 * never fires again is when the file was read, not an edit. The reload's line named it (`config
 * reloaded: 1 added, 0 removed, 1 changed (+ news; ~ once)`), as the `reload` reply and the
 * config-reloaded event did, when the operator had only added news. Real headless scheduler, real
 * files, the watcher.
 */
import {describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

/** `YYYY-MM-DD HH:MM:SS` in Asia/Shanghai, `seconds` from now. */
function shanghaiWallTime(seconds: number): string {
	return new Date(Date.now() + (seconds * 1000) + (8 * 3_600_000)).toISOString().slice(0, 19).replace('T', ' ');
}

function onceRan(dir: string): boolean {
	const status = JSON.parse(runCli(['status', '--json', '--root', dir]).stdout) as {jobs: Array<{id: string; lastRun?: {status: string}}>};
	return status.jobs.find(job => job.id === 'once')?.lastRun?.status === 'success';
}

describe('a reload after a date job fired', () => {
	it('Given a date job that fired, When another job is added, Then the reload names the added job only', async () => {
		const jobs = `timezone: Asia/Shanghai\njobs:\n  - id: once\n    trigger: date\n    run_date: "${shanghaiWallTime(25)}"\n    command: ["true"]\n`;
		const root = processes.makeRoot({'config/jobs.yaml': jobs});
		const scheduler = processes.start(root.dir);
		await schedulerStarted(scheduler);
		await waitFor(() => onceRan(root.dir), 90_000, 'the date job to run');

		root.write('config/jobs.yaml', `${jobs}  - id: news\n    cron: "0 * * * *"\n    command: ["true"]\n`);

		const line = await waitFor(() => /"msg":"(config reloaded: [^"]*)"/.exec(scheduler.output().stdout)?.[1], 30_000, 'the reload line');
		expect(line).toBe('config reloaded: 1 added, 0 removed, 0 changed (+ news)');
	}, 180_000);
});
