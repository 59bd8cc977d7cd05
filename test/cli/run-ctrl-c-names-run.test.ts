/**
 * Ctrl-C of `run JOB` through a live scheduler stops following and names the run it leaves to the
 * scheduler, with the command that follows it again: it said `sage-console logs RUN_ID --follow`,
 * leaving the operator to find the id in history. With the built CLI, a headless scheduler and a real
 * command job still going after the Ctrl-C.
 */
import {describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

describe('Ctrl-C of run JOB beside a scheduler', () => {
	it('names the run left running and how to follow it again', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: slow, trigger: manual, command: ["sh", "-c", "echo begun; sleep 20"]}\n'});
		await schedulerStarted(processes.start(root.dir));

		const run = startCli(['run', 'slow', '--root', root.dir]);
		processes.track(run);
		await waitFor(() => run.output().stdout.includes('begun'), 30_000, 'the run\'s first line');
		run.child.kill('SIGINT');
		expect(await run.exited).toBe(0);
		expect(run.output().stderr).toBe('\nstopped following run 1; it goes on in the scheduler (sage-console logs 1 --follow)\n');

		const shown = runCli(['show', '1', '--json', '--root', root.dir]);
		expect(JSON.parse(shown.stdout)).toMatchObject({id: 1, job_id: 'slow', status: 'running'});
		runCli(['cancel', '1', '--root', root.dir]);
	}, 60_000);
});
