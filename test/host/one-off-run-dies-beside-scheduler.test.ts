/**
 * A one-off `sage-console run` (no scheduler was up, so it ran the job in its own process) killed with
 * -9 beside a scheduler started meanwhile: the scheduler notices within seconds that the process that
 * owned the run died and closes the run as interrupted, saying so, once — as its next start would have,
 * instead of the run reading `running` until then. A run whose one-off is alive is left to it and ends
 * as that one-off records it. With the built binary, real command jobs, real processes and `kill -9`.
 */
import {existsSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {readRuns, type RunRow} from '../helpers/history-file.js';
import {runCli, schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';
import {flakyAfterGo, shown, type RunJson} from './one-off-runs.js';

const processes = trackHeadlessProcesses();

/** A one-off `run JOB` started while no scheduler runs, once its run is going with its process recorded. */
async function oneOffRun(root: string, jobId: string, attempt = 1) {
	const oneOff = startCli(['run', jobId, '--root', root]);
	processes.track(oneOff);
	const row = await waitFor(() => goingRow(root, jobId, attempt), 20_000, `the one-off run of ${jobId} to start`);
	return {oneOff, row};
}

/** The row of JOB's attempt going in the database, its process recorded. */
function goingRow(root: string, jobId: string, attempt: number): RunRow | undefined {
	return (readRuns(root) as Array<RunRow & {attempt: number}>).find(run => run.job_id === jobId && run.attempt === attempt && run.status === 'running' && run.pid !== null);
}

const interruptedBy = (pid: number) => new RegExp(`^the one-off \`sage-console run\` process \\(pid ${pid}\\) that carried it out died while this run was running; last known alive at .+ \\(its`);

describe('a one-off run killed with -9 beside a running scheduler', () => {
	it('is closed as interrupted within seconds, once; another one-off\'s run, alive, is left to it', async () => {
		const root = processes.makeRoot();
		const finish = path.join(root.dir, 'finish');
		root.write('config/jobs.yaml', `jobs:
  - {id: slow, trigger: manual, command: ["sh", "-c", "sleep 60"]}
  - {id: steady, trigger: manual, command: ["sh", "-c", "while [ ! -e ${finish} ]; do sleep 0.1; done; echo done"]}
  - {id: marker, trigger: manual, command: ["sh", "-c", "sleep 60"]}
`);
		const killed = await oneOffRun(root.dir, 'slow');
		const alive = await oneOffRun(root.dir, 'steady');
		// Killed after the first close: its own close is a later look of the watch.
		const marker = await oneOffRun(root.dir, 'marker');
		const scheduler = processes.start(root.dir);
		await schedulerStarted(scheduler);
		expect(scheduler.output().stdout).toContain(`run ${killed.row.id} of slow belongs to a one-off \`sage-console run\` still going (pid ${killed.oneOff.child.pid}): left to it`);

		killed.oneOff.child.kill('SIGKILL');
		const closed = await waitFor(() => {
			const run = shown(root.dir, killed.row.id);
			return run.status !== 'running' && run;
		}, 15_000, 'the killed one-off\'s run to be closed');
		expect(closed).toMatchObject({status: 'interrupted', error_type: 'Interrupted'});
		expect(closed.error_message).toMatch(interruptedBy(killed.oneOff.child.pid!));
		// What its process group left (the `sleep` under its `sh`) is ended, as a start ends a dead scheduler's.
		expect(closed.error_message).toMatch(/; pid \d+: (ended|already gone)/);
		// Seen in the same look: the other one-off lives, so its run is untouched.
		expect(shown(root.dir, alive.row.id)).toMatchObject({status: 'running', error_type: null});

		writeFileSync(finish, '');
		expect(await alive.oneOff.exited).toBe(0);
		expect(shown(root.dir, alive.row.id)).toMatchObject({status: 'success', error_type: null});
		// A later look (the marker's one-off killed now, and closed): the first run was closed once, and history holds one row for it.
		marker.oneOff.child.kill('SIGKILL');
		await waitFor(() => scheduler.output().stdout.includes(`run ${marker.row.id} of marker was interrupted`), 15_000, 'a later look to close the marker\'s run');
		const lines = scheduler.output().stdout.split('\n').filter(line => line.includes(`run ${killed.row.id} of slow was interrupted`));
		expect(lines).toHaveLength(1);
		const history = JSON.parse(runCli(['history', '--json', '--root', root.dir]).stdout) as RunJson[];
		expect(history.filter(run => run.job_id === 'slow').map(run => run.status)).toEqual(['interrupted']);

		scheduler.child.kill('SIGTERM');
		expect(await scheduler.exited).toBe(0);
	}, 90_000);

	it('a retry the one-off started after the scheduler did is closed too when the one-off dies', async () => {
		const root = processes.makeRoot();
		// The first attempt waits for the test's go, then fails; the retry runs long.
		const {firstDone, go} = flakyAfterGo(root);
		const {oneOff} = await oneOffRun(root.dir, 'flaky');
		const scheduler = processes.start(root.dir);
		await schedulerStarted(scheduler);
		writeFileSync(go, '');
		const retry = await waitFor(() => goingRow(root.dir, 'flaky', 2), 20_000, 'the retry to run in the one-off');
		expect(existsSync(firstDone)).toBe(true);
		// The scheduler has noted it as the one-off's (it was not there at its start).
		await waitFor(() => scheduler.output().stdout.includes(`run ${retry.id} of flaky is carried out by a one-off \`sage-console run\` (pid ${oneOff.child.pid})`), 15_000, 'the scheduler to note the retry');

		oneOff.child.kill('SIGKILL');
		const closed = await waitFor(() => {
			const run = shown(root.dir, retry.id);
			return run.status !== 'running' && run;
		}, 15_000, 'the retry to be closed');
		expect(closed).toMatchObject({status: 'interrupted', attempt: 2});
		expect(closed.error_message).toMatch(interruptedBy(oneOff.child.pid!));
		scheduler.child.kill('SIGTERM');
		expect(await scheduler.exited).toBe(0);
	}, 90_000);
});
