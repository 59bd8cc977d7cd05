/**
 * A scheduler killed with -9 while a service was still `starting` (its ready line not written yet):
 * the next scheduler adopts the process and it is still `starting`, not `up`, until its ready line comes
 * (or its ready_timeout, counted from its start, stops it); one that had written its ready line is
 * adopted `up`. Before, every adopted process read `up` at once: a broker gateway stuck connecting at
 * the open showed up, and was never stopped as not ready.
 */
import {describe, expect, it} from 'vitest';
import {schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {trackServiceProcesses} from '../helpers/service-processes.js';
import {statusServices, type StatusService} from '../helpers/status-services.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const serviceProcesses = trackServiceProcesses();

type Adopted = StatusService & {pid?: number; adopted?: boolean};

describe('a service adopted after a kill -9 of the scheduler', () => {
	it('is up only once its ready line is written', async () => {
		const root = processes.makeRoot({
			// Logs in once data/login exists: the test says when.
			'gateway.sh': '#!/bin/sh\necho connecting\nwhile [ ! -f data/login ]; do sleep 0.2; done\necho logged in\nwhile :; do sleep 1; done\n',
			'collector.sh': '#!/bin/sh\necho subscribed 5 symbols\nwhile :; do sleep 1; done\n',
		});
		serviceProcesses.watch(root.dir);
		root.write('config/jobs.yaml', `services:
  - id: gateway
    command: ["sh", "${root.dir}/gateway.sh"]
    ready_pattern: "logged in"
    ready_timeout: 10m
  - id: collector
    command: ["sh", "${root.dir}/collector.sh"]
    ready_pattern: "subscribed \\\\d+ symbols"
`);
		const first = processes.start(root.dir);
		await schedulerStarted(first);
		const before = await waitFor(() => {
			const services = statusServices<Adopted>(root.dir);
			return services.find(service => service.id === 'gateway')?.state === 'starting' && services.find(service => service.id === 'collector')?.state === 'up' ? services : undefined;
		}, 20_000, 'gateway starting and collector up');
		first.child.kill('SIGKILL');
		await first.exited;

		const second = processes.start(root.dir);
		await schedulerStarted(second);
		const adopted = await waitFor(() => {
			const services = statusServices<Adopted>(root.dir);
			return services.every(service => service.adopted) && services.length === 2 ? services : undefined;
		}, 20_000, 'both adopted');
		expect(adopted.map(service => [service.id, service.state, service.pid])).toEqual([
			['gateway', 'starting', before[0]!.pid],
			['collector', 'up', before[1]!.pid],
		]);

		// Its ready line, written after the adoption, is read: up.
		root.write('data/login', '');
		await waitFor(() => statusServices<Adopted>(root.dir).find(service => service.id === 'gateway' && service.state === 'up'), 20_000, 'gateway up once logged in');
	}, 90_000);
});
