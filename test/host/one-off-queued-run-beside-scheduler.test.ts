/**
 * A one-off `sage-console run` (no scheduler was up, so it runs the job in its own process) with runs
 * still queued — a backfill's later days, a retry waiting for the day running — beside a scheduler
 * started meanwhile. Those runs are the one-off's: the scheduler's start leaves them to it (it closed
 * them as a dead scheduler's, while the one-off went on and started them anyway), and once the one-off
 * is killed with -9 the scheduler closes them within seconds as interrupted, saying the one-off died
 * while they were queued, once — not leaving them `queued` until its next start. With the built
 * binary, real command jobs, real processes and `kill -9`.
 */
import {writeFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {readRuns, type RunRow} from '../helpers/history-file.js';
import {schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';
import {flakyAfterGo, shown, type RunJson} from './one-off-runs.js';

const processes = trackHeadlessProcesses();

type Row = RunRow & {attempt: number; trade_date: string | null};

const rows = (root: string) => readRuns(root) as Row[];

/** Closed once `show` no longer reads it as going. */
async function closed(root: string, id: number): Promise<RunJson> {
	return waitFor(() => {
		const run = shown(root, id);
		return run.status !== 'queued' && run.status !== 'running' && run;
	}, 15_000, `run ${id} to be closed`);
}

const diedWhileQueued = (pid: number) => new RegExp(`^the one-off \`sage-console run\` process \\(pid ${pid}\\) that carried it out died while this run was queued`);

describe('a one-off run\'s queued runs beside a scheduler', () => {
	it('are left to the live one-off at the scheduler\'s start, and closed as interrupted, once, when it is killed with -9', async () => {
		const root = processes.makeRoot();
		root.write('config/jobs.yaml', `jobs:
  - {id: slow, trigger: manual, command: ["sh", "-c", "sleep 60"]}
  - {id: marker, trigger: manual, command: ["sh", "-c", "sleep 60"]}
`);
		const oneOff = startCli(['run', 'slow', '--from', '2026-12-01', '--to', '2026-12-03', '--root', root.dir]);
		processes.track(oneOff);
		const [first, ...waiting] = await waitFor(() => {
			const all = rows(root.dir);
			return all.length === 3 && all[0]!.status === 'running' && all[0]!.pid !== null && all;
		}, 20_000, 'the backfill\'s first day to run and the other two to wait');
		expect(waiting.map(run => run.status)).toEqual(['queued', 'queued']);
		// Another one-off, killed once the backfill's runs are closed: its run's close is a later look of the watch.
		const marker = startCli(['run', 'marker', '--root', root.dir]);
		processes.track(marker);
		const markerRun = await waitFor(() => rows(root.dir).find(run => run.job_id === 'marker' && run.status === 'running' && run.pid !== null), 20_000, 'the marker one-off\'s run to start');

		const scheduler = processes.start(root.dir);
		await schedulerStarted(scheduler);
		// The one-off lives: its waiting days are its own, not a dead scheduler's.
		for (const run of waiting) {
			expect(scheduler.output().stdout).toContain(`run ${run.id} of slow belongs to a one-off \`sage-console run\` still going (pid ${oneOff.child.pid}): left to it`);
			expect(shown(root.dir, run.id)).toMatchObject({status: 'queued', error_type: null});
		}

		oneOff.child.kill('SIGKILL');
		expect(await closed(root.dir, first!.id)).toMatchObject({status: 'interrupted'});
		for (const run of waiting) {
			const ended = await closed(root.dir, run.id);
			expect(ended).toMatchObject({status: 'interrupted', error_type: 'Interrupted'});
			expect(ended.error_message).toMatch(diedWhileQueued(oneOff.child.pid!));
		}

		// A later look (the marker's one-off killed now, and closed): closed once each.
		marker.child.kill('SIGKILL');
		await waitFor(() => scheduler.output().stdout.includes(`run ${markerRun.id} of marker was interrupted`), 15_000, 'a later look to close the marker\'s run');
		for (const run of waiting) {
			expect(scheduler.output().stdout.split('\n').filter(line => line.includes(`run ${run.id} of slow was interrupted`))).toHaveLength(1);
		}

		scheduler.child.kill('SIGTERM');
		expect(await scheduler.exited).toBe(0);
	}, 90_000);

	it('a retry the one-off queued after the scheduler started is closed too when the one-off dies', async () => {
		const root = processes.makeRoot();
		// The first day's first attempt waits for the test's go, then fails; every other run runs long, so the retry waits.
		const {go} = flakyAfterGo(root);
		const oneOff = startCli(['run', 'flaky', '--from', '2026-12-01', '--to', '2026-12-02', '--root', root.dir]);
		processes.track(oneOff);
		await waitFor(() => rows(root.dir).some(run => run.status === 'running' && run.pid !== null), 20_000, 'the one-off\'s first run to start');
		const scheduler = processes.start(root.dir);
		await schedulerStarted(scheduler);

		writeFileSync(go, '');
		const retry = await waitFor(() => rows(root.dir).find(run => run.attempt === 2), 20_000, 'the retry to be recorded');
		// A look of the scheduler's watch has seen it: left to the one-off, still queued.
		await waitFor(() => scheduler.output().stdout.includes(`run ${retry.id} of flaky is carried out by a one-off \`sage-console run\` (pid ${oneOff.child.pid})`), 15_000, 'the scheduler to note the queued retry');
		expect(shown(root.dir, retry.id)).toMatchObject({status: 'queued', attempt: 2});

		oneOff.child.kill('SIGKILL');
		const ended = await closed(root.dir, retry.id);
		expect(ended).toMatchObject({status: 'interrupted', attempt: 2});
		expect(ended.error_message).toMatch(diedWhileQueued(oneOff.child.pid!));
		scheduler.child.kill('SIGTERM');
		expect(await scheduler.exited).toBe(0);
	}, 90_000);
});
