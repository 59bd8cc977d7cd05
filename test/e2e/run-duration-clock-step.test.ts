/**
 * A run's duration is the time it took, also when the wall clock steps while it runs (an NTP
 * correction): the built `sage-console --headless` under libfaketime (the wall clock offset from a
 * file read at every call, the monotonic clock left real, as an NTP step leaves it) runs a 5-second
 * command; the clock steps an hour forward in its middle. History's `duration_ms` and the run log's
 * closing `durationMs` say about 5 s, not an hour and 5 s; its start and end stay wall-clock times.
 */
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {readRuns, type RunRow} from '../helpers/history-file.js';
import {runCli, schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {canStepClock, steppedClock} from '../helpers/stepped-clock.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

describe.skipIf(!canStepClock)('a run and a step of the wall clock (libfaketime)', () => {
	it('a step an hour forward mid-run does not count in its duration, in history or in its log', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: pause, trigger: manual, command: ["sleep", "5"]}\n'});
		const clock = steppedClock(root.dir);
		const app = startCli(['--headless', '--root', root.dir], {
			env: clock.env,
		});
		processes.track(app);
		await schedulerStarted(app);

		expect(runCli(['run', 'pause', '--detach', '--root', root.dir]).code).toBe(0);
		await waitFor(() => readRuns(root.dir).find(row => row.status === 'running' && row.started_at !== null), 10_000, 'the run to start');
		// A second into its 5 s (seen running perhaps a second late on a loaded box): still mid-run.
		await new Promise(resolve => {
			setTimeout(resolve, 1000);
		});
		clock.step('+1h');
		const done = await waitFor(() => readRuns(root.dir).find(row => row.status === 'success'), 20_000, 'the run to end') as RunRow & {duration_ms: number};

		expect(done.duration_ms).toBeGreaterThanOrEqual(4900);
		// Its 5 s and whatever a loaded box adds, not the hour.
		expect(done.duration_ms).toBeLessThan(60_000);
		// Its end is on the stepped wall clock: an hour and its 5 s after its start.
		expect(done.finished_at! - done.started_at!).toBeGreaterThan(3_600_000);
		const closing = readFileSync(done.log_path!, 'utf8').trim().split('\n').map(line => JSON.parse(line) as {msg: string; durationMs?: number}).find(line => line.msg === 'run success');
		expect(closing?.durationMs).toBeGreaterThanOrEqual(4900);
		expect(closing?.durationMs).toBeLessThan(60_000);
		app.child.kill('SIGTERM');
		expect(await app.exited).toBe(0);
	}, 60_000);
});
