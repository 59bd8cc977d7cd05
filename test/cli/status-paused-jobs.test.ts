/**
 * `sage-console status` against a real headless scheduler: a job that does not fire on schedule (paused,
 * or `enabled: false`) is named, not just left out of the NEXT FIRE list; with the whole scheduler paused
 * the list says its times do not fire; with nothing to fire it says so instead of a bare header.
 */
import {describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';

const processes = trackHeadlessProcesses();

const jobsYaml = `jobs:
  - {id: tick, cron: "0 9 * * *", command: ["true"]}
  - {id: bars, cron: "30 16 * * *", command: ["true"], paused: true}
  - {id: report, cron: "0 18 * * *", command: ["true"], enabled: false}
`;

describe('status with paused jobs', () => {
	it('names the paused and disabled jobs, says when the whole scheduler is paused, and never prints an empty NEXT FIRE table', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
		await schedulerStarted(processes.start(root.dir));
		const status = (): string => {
			const result = runCli(['status', '--root', root.dir]);
			expect(result.code).toBe(0);
			return result.stdout;
		};

		const first = status();
		expect(first).toMatch(/^NEXT FIRE +JOB\n\d{4}-\d\d-\d\d 09:00:00 +tick$/m);
		expect(first).toContain('\npaused (1, not firing until `sage-console resume JOB`): bars\n');
		expect(first).toContain('\ndisabled in jobs.yaml (1): report\n');
		expect(first).not.toContain('scheduler PAUSED');
		const json = JSON.parse(runCli(['status', '--json', '--root', root.dir]).stdout) as {paused: boolean; jobs: Array<{id: string; paused: boolean; enabled: boolean}>};
		expect(json.jobs.map(({id, paused, enabled}) => ({id, paused, enabled}))).toEqual([
			{id: 'tick', paused: false, enabled: true}, {id: 'bars', paused: true, enabled: true}, {id: 'report', paused: false, enabled: false},
		]);

		expect(runCli(['pause', '--all', '--root', root.dir]).code).toBe(0);
		const held = status();
		// No next fire while the whole scheduler is paused (it would slip into the past): the jobs it holds are named.
		expect(held).toContain('\nscheduler PAUSED: no job fires on schedule until `sage-console resume --all`; held (1): tick\n');
		expect(held).not.toContain('NEXT FIRE');
		expect(held).not.toContain('no fire scheduled');
		const heldJson = JSON.parse(runCli(['status', '--json', '--root', root.dir]).stdout) as {paused: boolean; jobs: Array<{id: string; paused: boolean; nextFireAt?: string; heldBySchedulerPause?: boolean}>};
		expect(heldJson.paused).toBe(true);
		const tick = heldJson.jobs.find(job => job.id === 'tick');
		expect({paused: tick?.paused, nextFireAt: tick?.nextFireAt, heldBySchedulerPause: tick?.heldBySchedulerPause}).toEqual({paused: false, nextFireAt: undefined, heldBySchedulerPause: true});
		expect(held).toContain('\npaused (1, not firing until `sage-console resume JOB`): bars\n');
		expect(runCli(['resume', '--all', '--root', root.dir]).code).toBe(0);

		expect(runCli(['pause', 'tick', '--root', root.dir]).code).toBe(0);
		const nothing = status();
		expect(nothing).not.toContain('NEXT FIRE');
		expect(nothing).toContain('\nno fire scheduled\npaused (2, not firing until `sage-console resume JOB`): tick, bars\ndisabled in jobs.yaml (1): report\n');
	}, 60_000);
});
