/**
 * A service removed from jobs.yaml while its scheduler was down (killed with -9): the next scheduler,
 * whose jobs.yaml has no services (so its supervisor is loaded only for this), stops the process the
 * dead one left running and records the run as cancelled, never leaving it unsupervised.
 */
import {describe, expect, it} from 'vitest';
import {schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {trackServiceProcesses} from '../helpers/service-processes.js';
import {statusServices, type StatusService} from '../helpers/status-services.js';
import {waitFor} from '../helpers/wait-for.js';
import {processesWith} from '../supervisor/service-host.js';

const processes = trackHeadlessProcesses();
const serviceProcesses = trackServiceProcesses();

describe('a service removed while its scheduler was down', () => {
	it('is stopped by the next start, whose jobs.yaml has no services', async () => {
		// Given: a scheduler keeping a service up, killed with -9 (the service's process outlives it).
		const root = processes.makeRoot({'collector.sh': '#!/bin/sh\necho "collector up"\nwhile :; do sleep 1; done\n'});
		const script = `${root.dir}/collector.sh`;
		serviceProcesses.watch(root.dir);
		root.write('config/jobs.yaml', `services:\n  - {id: collector, command: ["sh", "${script}"], stop_timeout: 3s}\n`);
		const first = processes.start(root.dir);
		await schedulerStarted(first);
		const [left] = await waitFor(() => {
			const found = processesWith(script);
			return found.length === 1 ? found : undefined;
		}, 20_000, 'the service to start');
		await waitFor(() => statusServices<StatusService & {pid?: number}>(root.dir).find(service => service.state === 'up' && service.pid === left), 20_000, 'status to show it up');
		first.child.kill('SIGKILL');
		await first.exited;
		expect(processesWith(script)).toEqual([left]);

		// When: jobs.yaml loses its services and a scheduler starts again.
		root.write('config/jobs.yaml', 'jobs: []\n');
		const second = processes.start(root.dir);
		await schedulerStarted(second);

		// Then: it stopped the process the dead one left, saying why.
		expect(second.output().stdout).toContain(`stopped pid ${left} (it is no longer in jobs.yaml)`);
		await waitFor(() => processesWith(script).length === 0 || undefined, 10_000, 'the left service process to end');
	}, 60_000);
});
