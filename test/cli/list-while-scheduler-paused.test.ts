/**
 * `sage-console list` against a real headless scheduler paused as a whole (`pause --all`): its STATE
 * column said `active` for every job the pause holds, as `status` no longer does. A held job says so
 * (`held (scheduler paused)`, `heldBySchedulerPause` in --json); a job paused on its own stays `paused`,
 * a disabled one `disabled`; resumed, the held ones are `active` again.
 */
import {expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';

const processes = trackHeadlessProcesses();

const jobsYaml = `jobs:
  - {id: tick, cron: "0 9 * * *", command: ["true"]}
  - {id: bars, cron: "30 16 * * *", command: ["true"], paused: true}
  - {id: report, cron: "0 18 * * *", command: ["true"], enabled: false}
`;

/** Each job's STATE in the table. */
function states(stdout: string): Record<string, string> {
	return Object.fromEntries(stdout.trim().split('\n').slice(1).map(line => [line.split(/\s+/)[0]!, line.split(/ {2,}/).at(-1)!.trim()]));
}

it('says held (scheduler paused) for the jobs a whole-scheduler pause holds, and active again once resumed', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
	await schedulerStarted(processes.start(root.dir));
	const list = () => {
		const result = runCli(['list', '--root', root.dir]);
		expect(result.code).toBe(0);
		return result.stdout;
	};

	expect(states(list())).toEqual({tick: 'active', bars: 'paused', report: 'disabled'});

	expect(runCli(['pause', '--all', '--root', root.dir]).code).toBe(0);
	expect(states(list())).toEqual({tick: 'held (scheduler paused)', bars: 'paused', report: 'disabled'});
	const json = JSON.parse(runCli(['list', '--json', '--root', root.dir]).stdout) as Array<{id: string; paused: boolean; heldBySchedulerPause?: boolean}>;
	expect(json.map(({id, paused, heldBySchedulerPause}) => ({id, paused, heldBySchedulerPause}))).toEqual([
		{id: 'tick', paused: false, heldBySchedulerPause: true}, {id: 'bars', paused: true, heldBySchedulerPause: undefined}, {id: 'report', paused: false, heldBySchedulerPause: undefined},
	]);

	expect(runCli(['resume', '--all', '--root', root.dir]).code).toBe(0);
	expect(states(list())).toEqual({tick: 'active', bars: 'paused', report: 'disabled'});
}, 60_000);
