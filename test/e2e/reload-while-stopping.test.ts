/**
 * A `--headless` scheduler stopped by SIGTERM while a run goes on (`shutdown: wait`) ends once that run
 * is over, also when a `reload` (systemd's ExecReload, an operator's) or a pause comes during its grace:
 * each planned the deadline and heartbeat watches again, whose minute timers then kept the process alive
 * after 'scheduler stopped', until systemd's TimeoutStopSec killed it. Built binaries.
 */
import {describe, expect, it} from 'vitest';
import {runCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

/** Generous: several test files share 2 cores. The watches' timers re-armed every minute, for ever. */
const slow = 45_000;

// The grace outlasts the two commands sent during it, each a process of its own on a loaded box (with
// 2 s, a CI run's `pause` found the scheduler already gone).
const jobsYaml = `shutdown: wait
shutdown_grace: 10s
jobs:
  - id: long_backtest
    trigger: manual
    command: ["sh", "-c", "for i in $(seq 1 600); do echo tick $i; sleep 0.5; done"]
  - id: close_report
    cron: "0 16 * * *"
    command: ["true"]
    deadline: "17:30"
`;

describe('--headless stopping while a run goes on', () => {
	it('ends after its grace though a reload and a pause came meanwhile', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
		const app = processes.start(root.dir);
		await waitFor(() => app.output().stdout.includes('ready: clients attach'), slow, 'the scheduler ready');
		expect(runCli(['run', 'long_backtest', '--detach', '--root', root.dir]).code).toBe(0);
		app.child.kill('SIGTERM');
		await waitFor(() => app.output().stdout.includes('stopping: waiting for live runs'), slow, 'the scheduler stopping');
		expect(runCli(['reload', '--root', root.dir]).code).toBe(0);
		expect(runCli(['pause', 'close_report', '--root', root.dir]).code).toBe(0);

		const exited = await Promise.race([app.exited, new Promise<'alive'>(resolve => {
			setTimeout(() => resolve('alive'), slow);
		})]);
		expect(app.output().stdout).toContain('scheduler stopped');
		expect(exited).toBe(0);
	}, 3 * slow);
});
