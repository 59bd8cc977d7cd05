/**
 * Alerts tell their times in the scheduler's zone (jobs.yaml's `timezone`), as `status`, `history`
 * and the console do: with `timezone: America/New_York`, a failure's `scheduled` and `finished` and
 * the `⚠ sage-console was down` alert's `started again` read in New York's time, where they were
 * Shanghai's, thirteen hours off what the operator's console showed beside them. The built binary,
 * a local WeCom robot.
 */
import {describe, expect, it} from 'vitest';
import {alertRobotRoots, downAlerts, robotMessages} from '../helpers/alert-robot-root.js';
import {runCli, schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const robotRoot = alertRobotRoots(processes);
const slow = 60_000;

/** `2026-12-05 07:03:40`: an instant (ISO with its offset) as a wall time in New York. */
const newYorkWall = (iso: string) => new Intl.DateTimeFormat('sv-SE', {
	timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
}).format(Date.parse(iso));

describe('alerts in the scheduler\'s zone', () => {
	it('a failure and the "was down" alert tell New York\'s time for a root in America/New_York', async () => {
		const {root, robot} = await robotRoot('timezone: America/New_York\njobs:\n  - {id: fails, trigger: manual, command: ["sh", "-c", "exit 3"]}\n');
		const first = processes.start(root);
		await schedulerStarted(first);

		// When a run fails (run without blocking this process's event loop: the robot that takes its alert answers on it)
		const failed = startCli(['run', 'fails', '--root', root]);
		expect(await failed.exited).toBe(1);
		const failure = await waitFor(() => robotMessages(robot).find(text => text.startsWith('### ❌')), slow, 'the failure alert');
		const [run] = JSON.parse(runCli(['history', '--json', '--root', root]).stdout) as Array<{scheduled_at: string; finished_at: string}>;
		// Then its times are New York's
		expect(failure).toContain(`- **scheduled**: ${newYorkWall(run!.scheduled_at)}\n`);
		expect(failure).toContain(`- **finished**: ${newYorkWall(run!.finished_at)} (`);

		// When the scheduler is killed and started again
		first.child.kill('SIGKILL');
		await first.exited;
		await schedulerStarted(processes.start(root));
		const down = await waitFor(() => downAlerts(robot)[0], slow, 'the was-down alert');
		const status = JSON.parse(runCli(['status', '--json', '--root', root]).stdout) as {startedAt: string};
		expect(down).toContain(`- **started again**: ${newYorkWall(status.startedAt)} (pid `);
	}, 120_000);
});
