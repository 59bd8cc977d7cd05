/**
 * A running run's history row catches up with its progress: progress is written at most once a second,
 * and a note that came less than a second after the one before (or after the start) was held until a
 * later note or the run's end. A job that reports twice quickly and then works for minutes left
 * `show RUN` at `progress —` all that time, while the console showed `40%  working`.
 */
import {describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

type ShownRun = {status: string; progress?: number; message?: string};

describe('the progress of a running run in history', () => {
	it('reaches show --json within its second while the run still goes on', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': `jobs:
  - id: backtest
    trigger: manual
    command: ["sh", "-c", "echo '::progress 0.2 a'; echo '::progress 0.4 working'; sleep 120"]
`});
		const app = processes.start(root.dir);
		await schedulerStarted(app);
		const asked = runCli(['run', 'backtest', '--detach', '--root', root.dir]);
		expect(asked.code, asked.stderr).toBe(0);

		// Given both notes in the run's first milliseconds, then a long sleep: the second is written when its second is up.
		const shown = await waitFor(() => {
			const result = runCli(['show', '1', '--json', '--root', root.dir]);
			const run = result.code === 0 ? JSON.parse(result.stdout) as ShownRun : undefined;
			return run?.progress === 0.4 ? run : undefined;
		}, 15_000, 'show 1 --json to give progress 0.4');
		expect(shown).toMatchObject({status: 'running', progress: 0.4, message: 'working'});
		expect(runCli(['show', '1', '--root', root.dir]).stdout).toMatch(/^progress {4}40% {2}working$/m);
	});
});
