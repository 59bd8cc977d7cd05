/**
 * After a kill -9 of the scheduler and a start of the next one, an adopted service keeps the uptime of
 * its process (since it started, as history recorded) and every service its last exit from history.
 */
import {describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {trackServiceProcesses} from '../helpers/service-processes.js';
import {statusServices, type StatusService} from '../helpers/status-services.js';
import {waitFor} from '../helpers/wait-for.js';
import {processesWith} from '../supervisor/service-host.js';
import {sameDayEach} from '../helpers/same-day-ahead.js';

const processes = trackHeadlessProcesses();
const serviceProcesses = trackServiceProcesses();

type AdoptedService = StatusService & {pid?: number; upSince?: string; uptimeMs?: number; adopted?: boolean; lastExit?: {runId: number; status: string; exitCode?: number}};

function services(root: string): AdoptedService[] {
	return statusServices<AdoptedService>(root);
}

describe('a service adopted after a kill -9 of the scheduler', () => {
	// RESTARTS counts today's in Shanghai (the scheduler's zone): the first exit and the status read on one
	// day there, where across its midnight status said 0 restarts.
	sameDayEach('Asia/Shanghai', 60_000);

	it('shows the uptime of its process and the last exit recorded in history', async () => {
		const root = processes.makeRoot({'collector.sh': '#!/bin/sh\nif [ ! -f "$0.once" ]; then touch "$0.once"; exit 1; fi\nwhile :; do sleep 1; done\n'});
		const script = `${root.dir}/collector.sh`;
		serviceProcesses.watch(root.dir);
		root.write('config/jobs.yaml', `services:
  - id: collector
    command: ["sh", "${script}"]
    restart_delay: 200ms
    stop_timeout: 3s
`);
		const first = processes.start(root.dir);
		await schedulerStarted(first);
		const before = await waitFor(() => services(root.dir).find(service => service.state === 'up' && service.lastExit?.exitCode === 1), 20_000, 'the service up after its first exit');
		const upSince = before.upSince!;
		await new Promise(resolve => {
			setTimeout(resolve, 4000);
		});
		first.child.kill('SIGKILL');
		await first.exited;

		const second = processes.start(root.dir);
		await schedulerStarted(second);
		const adopted = await waitFor(() => services(root.dir).find(service => service.state === 'up' && service.adopted), 20_000, 'status to show it adopted');
		expect(adopted.pid).toBe(before.pid);
		// Since its process started (its run's started_at): up from its start for the first scheduler too, so the same instant.
		expect(adopted.upSince).toBe(upSince);
		expect(adopted.uptimeMs).toBeGreaterThanOrEqual(4000);
		expect(adopted.lastExit).toMatchObject({runId: before.lastExit!.runId, status: 'failed', exitCode: 1});
		const table = runCli(['status', '--root', root.dir]).stdout.split('\n');
		const row = table.find(line => line.startsWith('collector'));
		// The uptime of the adopted process, 4 s at least (however slow the box), not the adoption's fresh start.
		expect(row).toMatch(/^collector +up +(?:[4-9]\.\ds|[1-5]\ds|\d+m\d\ds) +1 +\d+ .*\d\d:\d\d:\d\d exit 1 /);
		expect(processesWith(script)).toEqual([before.pid]);
	}, 60_000);
});
