/**
 * `sage-console show RUN` of a service's run: it printed a job run's progress line with the service's
 * reason in it (`progress    —  window start`). A running service's run says since when its process is
 * up, its pid (the one status lists) and why it started; an ended one its message (how it ended). `show
 * --json` gives the same pid as `pid` (it had none), null once the run has ended. With the built
 * CLI, a headless scheduler and a real service process (its window: always).
 */
import {expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {serviceLogShows} from '../helpers/service-log.js';
import {trackServiceProcesses} from '../helpers/service-processes.js';
import {statusServices, type StatusService} from '../helpers/status-services.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const serviceProcesses = trackServiceProcesses();

type LiveService = StatusService & {pid?: number; runId?: number};

it('shows a running service run\'s uptime start, pid and reason, and an ended one\'s message, with no progress line', async () => {
	const root = processes.makeRoot({'feed.sh': '#!/bin/sh\necho "feed up"\nwhile :; do sleep 0.2; done\n'});
	serviceProcesses.watch(root.dir);
	root.write('config/jobs.yaml', `timezone: UTC
services:
  - {id: feed, command: ["sh", "${root.dir}/feed.sh"]}
`);
	await schedulerStarted(processes.start(root.dir));
	await serviceLogShows(root.dir, 'feed', 'feed up', 'the service to start');
	const feed = await waitFor(() => statusServices<LiveService>(root.dir).find(service => service.pid !== undefined && service.runId !== undefined), 20_000, 'status to list its pid and run');

	const running = runCli(['show', String(feed.runId), '--root', root.dir]);
	expect(running.code).toBe(0);
	expect(running.stdout).toMatch(new RegExp(`^state +up since \\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d, pid ${feed.pid}$`, 'm'));
	expect(running.stdout).toMatch(/^reason +window start$/m);
	expect(running.stdout).not.toContain('progress');
	const runningJson = JSON.parse(runCli(['show', String(feed.runId), '--json', '--root', root.dir]).stdout) as Record<string, unknown>;
	expect({id: runningJson.id, status: runningJson.status, pid: runningJson.pid}).toEqual({id: feed.runId, status: 'running', pid: feed.pid});

	expect(runCli(['stop', 'feed', '--root', root.dir]).code).toBe(0);
	const ended = await waitFor(() => {
		const shown = runCli(['show', String(feed.runId), '--root', root.dir]).stdout;
		return /^run \d+ +feed +SUCCESS$/m.test(shown) ? shown : undefined;
	}, 20_000, 'the run to end');
	expect(ended).toMatch(/^message +\S/m);
	expect(ended).not.toContain('reason');
	expect(ended).not.toContain('up since');
	expect(ended).not.toContain('progress');
	const endedJson = JSON.parse(runCli(['show', String(feed.runId), '--json', '--root', root.dir]).stdout) as Record<string, unknown>;
	expect({status: endedJson.status, pid: endedJson.pid}).toEqual({status: 'success', pid: null});
}, 60_000);
