/**
 * The scheduler's log says when a service will not be restarted: a crash loop that reached its start
 * limit (`fatal`) and an exit its `restart:` leaves alone. The alert goes only to configured notify
 * channels; without one, the log line is how the operator learns why restarts stopped.
 */
import {describe, expect, it} from 'vitest';
import {schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {trackServiceProcesses} from '../helpers/service-processes.js';
import {statusServices} from '../helpers/status-services.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const serviceProcesses = trackServiceProcesses();

function states(root: string): Record<string, string> {
	return Object.fromEntries(statusServices(root).map(service => [service.id, service.state]));
}

describe('a service that is no longer restarted', () => {
	it('is named in the scheduler\'s log with why: fatal past the start limit, or held by restart:', async () => {
		const root = processes.makeRoot({
			'crashy.sh': '#!/bin/sh\necho "crashing" >&2\nexit 1\n',
			'once.sh': '#!/bin/sh\nexit 2\n',
			'clean.sh': '#!/bin/sh\nexit 0\n',
		});
		serviceProcesses.watch(root.dir);
		root.write('config/jobs.yaml', `services:
  - id: crashy
    command: ["sh", "${root.dir}/crashy.sh"]
    restart_delay: 100ms
    start_limit: 2
    start_limit_interval: 10m
  - id: once
    command: ["sh", "${root.dir}/once.sh"]
    restart: never
  - id: clean
    command: ["sh", "${root.dir}/clean.sh"]
`);
		const scheduler = processes.start(root.dir);
		await schedulerStarted(scheduler);
		await waitFor(() => {
			const now = states(root.dir);
			return now.crashy === 'fatal' && now.once === 'stopped' && now.clean === 'stopped' || undefined;
		}, 20_000, 'crashy fatal, once and clean stopped');
		const log = await waitFor(() => {
			const {stdout} = scheduler.output();
			return stdout.includes('crashy is fatal') && stdout.includes('once is not restarted') && stdout.includes('clean is not restarted') ? stdout : undefined;
		}, 10_000, 'the scheduler\'s log to say why each is no longer restarted');
		expect(log).toContain('crashy is fatal: it exited 2 times within 10 min (start_limit 2); not restarted until a manual start');
		expect(log).toContain('once is not restarted (restart: never): held until a manual start');
		expect(log).toContain('clean is not restarted (restart: on-failure, it exited with code 0): held until a manual start');
	}, 60_000);
});
