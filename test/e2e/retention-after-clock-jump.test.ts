/**
 * Retention and a wall clock stepped forward (a mistyped `date -s`, a bad NTP source, a VM restored with
 * a wrong clock): the built `sage-console --headless` under libfaketime, `runs_days: 1`, a run made just
 * before; the clock steps three days on right after the start, and the first sweep (a minute after the
 * start) prunes by the time counted on the monotonic clock, saying so: the run and its log are kept.
 * Before, the sweep deleted them for good, as three days old.
 */
import {existsSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {cliOn, schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {canStepClock, steppedClock} from '../helpers/stepped-clock.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

describe.skipIf(!canStepClock)('retention and a wall clock stepped forward (libfaketime)', () => {
	it('deletes no run or log made before the step, and says why', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': 'retention: {runs_days: 1, logs_days: 1}\njobs:\n  - {id: bars, trigger: manual, command: ["true"]}\n'});
		const cli = cliOn(root.dir);
		cli('run', 'bars');
		type Row = {job_id: string; status: string; log_path: string};
		const [run] = JSON.parse(cli('history', '--json')) as Row[];
		expect(run).toMatchObject({job_id: 'bars', status: 'success'});

		const clock = steppedClock(root.dir);
		const app = startCli(['--headless', '--root', root.dir], {env: clock.env});
		processes.track(app);
		await schedulerStarted(app);
		clock.step('+3d');

		const said = await waitFor(() => app.output().stdout.split('\n').find(line => line.includes('"msg":"retention: ')), 100_000, 'the first retention sweep');
		expect(JSON.parse(said).msg).toMatch(/^retention: the wall clock is 3d ahead of the time counted since this scheduler started \(a clock step, or a suspended machine\): runs and logs are pruned by the counted time, so a clock set wrong deletes nothing$/);
		expect((JSON.parse(cli('history', '--json')) as Row[]).map(row => [row.job_id, row.status])).toEqual([['bars', 'success']]);
		expect(existsSync(run!.log_path)).toBe(true);
		app.child.kill('SIGTERM');
		expect(await app.exited).toBe(0);
	}, 150_000);
});
