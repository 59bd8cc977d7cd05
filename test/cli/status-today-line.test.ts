/**
 * `sage-console status`'s "today" line says what the console header says: one run as one run, and the
 * cancelled runs when there are any. It said "today 1 runs", and a cancelled run was in the count
 * but in none of its parts (`today 2 runs, 1 ok, 0 failed`), where the header said `1 cancelled`.
 */
import {describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {sameDayAhead} from '../helpers/same-day-ahead.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

const jobsYaml = `jobs:
  - {id: quick, trigger: manual, command: ["true"]}
  - {id: long_sleep, trigger: manual, command: ["sleep", "600"]}
`;

describe('status: today', () => {
	it('says "1 run", then counts a cancelled run among the parts', async () => {
		// Today is Shanghai's (the scheduler's zone): a midnight there between the two runs would count them on two days.
		await sameDayAhead('Asia/Shanghai', 60_000);
		const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
		await schedulerStarted(processes.start(root.dir));
		const today = () => /^today .*$/m.exec(runCli(['status', '--root', root.dir]).stdout)?.[0];

		expect(runCli(['run', 'quick', '--root', root.dir]).code).toBe(0);
		expect(today()).toBe('today 1 run, 1 ok, 0 failed');

		const detached = runCli(['run', 'long_sleep', '--detach', '--root', root.dir]);
		const runId = /\d+/.exec(detached.stdout)![0];
		expect(runCli(['cancel', runId, '--root', root.dir]).code).toBe(0);
		await waitFor(() => today() === 'today 2 runs, 1 ok, 0 failed, 1 cancelled', 15_000, 'the cancelled run in status');
	}, 140_000);
});
