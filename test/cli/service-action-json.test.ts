/**
 * `sage-console start|stop SERVICE --json` gives the service as `status --json` does — times as ISO in
 * the scheduler's zone, uptimeMs — where it printed the protocol's view (epoch ms, other fields), so
 * a script reading `closesAt` or `lastExit.at` got a number from one command and a string from the
 * other. With the built CLI, a headless scheduler and a real service outside its window.
 */
import {describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {serviceLogShows} from '../helpers/service-log.js';
import {trackServiceProcesses} from '../helpers/service-processes.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const serviceProcesses = trackServiceProcesses();

type ServiceJson = {id: string; state: string; closesAt?: string; nextStartAt?: string; lastExit?: {at: string}; uptimeMs?: number};

/** An hour-long window (UTC) at least two hours away from now on either side. */
function windowAwayFromNow(): string {
	const hour = new Date().getUTCHours();
	const start = [3, 9, 15, 21].find(candidate => Math.min(Math.abs(candidate - hour), 24 - Math.abs(candidate - hour)) >= 2)!;
	const pad = (value: number) => String(value).padStart(2, '0');
	return `${pad(start)}:00-${pad(start + 1)}:00`;
}

const isoInUtc = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|\+00:00)$/;

describe('start and stop of a service with --json', () => {
	it('give the service as status --json does', async () => {
		const root = processes.makeRoot({'feed.sh': '#!/bin/sh\necho "feed up"\nwhile :; do sleep 0.2; done\n'});
		serviceProcesses.watch(root.dir);
		root.write('config/jobs.yaml', `timezone: UTC
services:
  - {id: feed, command: ["sh", "${root.dir}/feed.sh"], window: "${windowAwayFromNow()}"}
`);
		await schedulerStarted(processes.start(root.dir));

		const started = runCli(['start', 'feed', '--json', '--root', root.dir]);
		expect(started.code).toBe(0);
		const start = JSON.parse(started.stdout) as {ok: boolean; message: string; service: ServiceJson};
		expect(start).toMatchObject({ok: true, service: {id: 'feed'}});
		expect(start.service.closesAt).toMatch(isoInUtc);
		await serviceLogShows(root.dir, 'feed', 'feed up', 'the service to start');
		const status = (JSON.parse(runCli(['status', '--json', '--root', root.dir]).stdout) as {services: ServiceJson[]}).services[0]!;
		expect(start.service.closesAt).toBe(status.closesAt);

		const stopped = JSON.parse(runCli(['stop', 'feed', '--json', '--root', root.dir]).stdout) as {ok: boolean; service: ServiceJson};
		expect(stopped.ok).toBe(true);
		await waitFor(() => (JSON.parse(runCli(['status', '--json', '--root', root.dir]).stdout) as {services: ServiceJson[]}).services[0]!.state === 'stopped', 20_000, 'the stop');
		const again = JSON.parse(runCli(['stop', 'feed', '--json', '--root', root.dir]).stdout) as {ok: boolean; message: string; service: ServiceJson};
		expect(again).toMatchObject({ok: false, message: 'feed is not running (stopped)', service: {id: 'feed', state: 'stopped'}});
		expect(again.service.lastExit?.at).toMatch(isoInUtc);
		expect(again.service.nextStartAt).toMatch(isoInUtc);
	}, 60_000);
});
