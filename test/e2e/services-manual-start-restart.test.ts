/**
 * A service started by hand outside its window stays up until the end of its next window, across a
 * restart of the scheduler too: with the built `sage-console --headless` and a real service process,
 * a scheduler killed with -9 leaves it running and the next one adopts it and keeps it (not stopped as
 * if its window had just closed); a scheduler stopped with SIGTERM stops it and the next one starts it
 * again; after a manual stop, a restart leaves it stopped.
 */
import {describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {statusServices, type StatusService} from '../helpers/status-services.js';
import {trackServiceProcesses} from '../helpers/service-processes.js';
import {waitFor} from '../helpers/wait-for.js';
import {processesWith} from '../supervisor/service-host.js';

const processes = trackHeadlessProcesses();
const serviceProcesses = trackServiceProcesses();

type CollectorStatus = StatusService & {pid?: number; adopted?: boolean; memoryMb?: number};

function collector(root: string): CollectorStatus | undefined {
	return statusServices<CollectorStatus>(root).find(service => service.id === 'collector');
}

/** A window (UTC, within one day) that now is not in. */
const windowElsewhere = () => (new Date().getUTCHours() < 12 ? '20:00-21:00' : '02:00-03:00');

describe('a service started by hand outside its window, and the scheduler restarted', () => {
	it('is adopted and kept after a kill -9, started again after a SIGTERM, and left stopped after a manual stop', async () => {
		const root = processes.makeRoot({'collector.sh': '#!/bin/sh\necho "collector up"\nwhile :; do sleep 1; done\n'});
		const script = `${root.dir}/collector.sh`;
		serviceProcesses.watch(root.dir);
		// Now is outside its window.
		root.write('config/jobs.yaml', `timezone: UTC
services:
  - id: collector
    command: ["sh", "${script}"]
    window: "${windowElsewhere()}"
    stop_timeout: 3s
`);
		const first = processes.start(root.dir);
		await schedulerStarted(first);
		expect(collector(root.dir)?.state).toBe('outside-window');
		const started = runCli(['start', 'collector', '--root', root.dir]);
		expect(started.stdout).toMatch(/^collector starting \(pid \d+\); outside its window, it stays up until \S+ \S+ or a stop\n$/);
		const [original] = await waitFor(() => {
			const found = processesWith(script);
			return found.length === 1 ? found : undefined;
		}, 20_000, 'the service to start');

		// kill -9: the next scheduler adopts it and keeps it up.
		first.child.kill('SIGKILL');
		await first.exited;
		const second = processes.start(root.dir);
		await schedulerStarted(second);
		expect(second.output().stdout).toContain(`adopted pid ${original}`);
		// Kept at the start (the supervisor's start decides, before the ready line) and by its first poll
		// of the adopted process (once a second; the memory it shows is that poll's): not stopped, not replaced.
		await waitFor(() => collector(root.dir)?.memoryMb !== undefined, 20_000, 'the supervisor\'s first poll of the adopted service');
		expect(second.output().stdout).not.toContain('window-end');
		expect(processesWith(script)).toEqual([original]);
		expect(collector(root.dir)).toMatchObject({state: 'up', pid: original, adopted: true});

		// SIGTERM stops it with the scheduler; the next scheduler starts it again.
		second.child.kill('SIGTERM');
		expect(await second.exited).toBe(0);
		expect(processesWith(script)).toEqual([]);
		const third = processes.start(root.dir);
		await schedulerStarted(third);
		const restarted = await waitFor(() => {
			const found = processesWith(script);
			return found.length === 1 ? found[0] : undefined;
		}, 20_000, 'the service to start again');
		expect(restarted).not.toBe(original);
		await waitFor(() => collector(root.dir)?.state === 'up', 20_000, 'status to show it up');
		// Its start says why it runs outside its window: the manual start's extension, not a window start.
		expect(third.output().stdout).toMatch(/▶ collector started \(pid \d+, run \d+, manual start outside its window, up until \d{4}-\d\d-\d\d \d\d:\d\d\)/);
		const history = JSON.parse(runCli(['history', '--json', '--job', 'collector', '--limit', '1', '--root', root.dir]).stdout) as Array<{message?: string}>;
		expect(history[0]?.message).toMatch(/^manual start outside its window, up until /);

		// A manual stop ends the extension: the next scheduler leaves it outside its window.
		expect(runCli(['stop', 'collector', '--root', root.dir]).code).toBe(0);
		await waitFor(() => processesWith(script).length === 0, 20_000, 'the service to stop');
		third.child.kill('SIGTERM');
		expect(await third.exited).toBe(0);
		const fourth = processes.start(root.dir);
		await schedulerStarted(fourth);
		// The supervisor's start decides (before the ready line): what status says of it is final.
		expect(collector(root.dir)?.state).toBe('outside-window');
		expect(processesWith(script)).toEqual([]);
		fourth.child.kill('SIGTERM');
		expect(await fourth.exited).toBe(0);
	}, 90_000);
});
