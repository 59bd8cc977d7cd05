/**
 * A service removed from jobs.yaml that is still stopping (it ignores SIGTERM and waits out its
 * stop_timeout) when the scheduler gets SIGTERM: the shutdown waits for that stop as for the services
 * still in the file, records its run's end, and the process exits. The shutdown did not know of it:
 * the history closed first, the stop's end failed to be written ('The database connection is not
 * open', retried for ever), the run stayed `running`, and the scheduler process never exited (systemd
 * waits out TimeoutStopSec, then kills it). A real headless scheduler, a real process, real SQLite.
 */
import {describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {trackServiceProcesses} from '../helpers/service-processes.js';
import {statusServices} from '../helpers/status-services.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const serviceProcesses = trackServiceProcesses();

type HistoryRow = {id: number; jobId: string; status: string; message?: string};

describe('a removed service still stopping at a shutdown', () => {
	it('is waited for: its run ends and the scheduler exits', async () => {
		const root = processes.makeRoot({'gateway.sh': '#!/bin/sh\ntrap "" TERM\necho "gateway up"\nwhile :; do sleep 0.2; done\n'});
		serviceProcesses.watch(root.dir);
		root.write('config/jobs.yaml', `services:
  - id: gateway
    command: ["sh", "${root.dir}/gateway.sh"]
    stop_timeout: 3s
`);
		const scheduler = processes.start(root.dir);
		await schedulerStarted(scheduler);
		await waitFor(() => statusServices(root.dir).find(service => service.id === 'gateway' && service.state === 'up'), 20_000, 'gateway up');

		root.write('config/jobs.yaml', 'services: []\n');
		expect(runCli(['reload', '--root', root.dir]).code).toBe(0);
		await waitFor(() => scheduler.output().stdout.includes('service gateway removed from jobs.yaml: stopping it'), 20_000, 'the removal');
		scheduler.child.kill('SIGTERM');
		let code: number | null | undefined;
		void scheduler.exited.then(exited => {
			code = exited;
		});
		await waitFor(() => code !== undefined, 40_000, 'the scheduler to exit');
		expect(code).toBe(0);
		expect(scheduler.output().stdout).not.toContain('The database connection is not open');

		const history = JSON.parse(runCli(['history', '--json', '--job', 'gateway', '--root', root.dir]).stdout) as HistoryRow[];
		expect(history.map(run => [run.status, run.message])).toEqual([['success', 'stopped (removed)']]);
	}, 90_000);
});
