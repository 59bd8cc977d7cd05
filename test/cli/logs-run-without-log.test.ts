/**
 * `sage-console logs RUN` of a run that never had a log (skipped by `concurrency: skip`): it printed
 * nothing and exited 0, as if the run's log were empty. The output stays empty (it is the log), and
 * stderr says why there is none, through a live scheduler and from history alike.
 */
import {describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';

const processes = trackHeadlessProcesses();

describe('sage-console logs of a run with no log', () => {
	it('says on stderr that the skipped run has no log, with or without a scheduler', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: slow, trigger: manual, command: ["sleep", "60"], concurrency: skip}\n'});
		await schedulerStarted(processes.start(root.dir));
		expect(runCli(['run', 'slow', '--detach', '--root', root.dir]).stdout).toBe('1\n');
		const skipped = runCli(['run', 'slow', '--detach', '--root', root.dir]);
		expect(skipped.stderr).toContain('(recorded as run 2, skipped)');

		const said = 'sage-console: run 2 (skipped) has no log: it never started; sage-console show 2 has why\n';
		const live = runCli(['logs', '2', '--root', root.dir]);
		expect(live).toEqual({code: 0, stdout: '', stderr: said});

		processes.killAll();
		const fromHistory = runCli(['logs', '2', '--root', root.dir]);
		expect(fromHistory).toEqual({code: 0, stdout: '', stderr: said});
	});
});
