/**
 * `sage-console status`'s services row for a service started by hand outside its window: it showed
 * only its window, where the console's detail view and the API (`closesAt`) say until when it stays
 * up. With the built CLI, a headless scheduler and a real service process, a window far from now.
 */
import {expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {serviceLogShows} from '../helpers/service-log.js';
import {trackServiceProcesses} from '../helpers/service-processes.js';

const processes = trackHeadlessProcesses();
const serviceProcesses = trackServiceProcesses();

/** An hour-long window (UTC) at least two hours away from now on either side. */
function windowAwayFromNow(): string {
	const hour = new Date().getUTCHours();
	const start = [3, 9, 15, 21].find(candidate => Math.min(Math.abs(candidate - hour), 24 - Math.abs(candidate - hour)) >= 2)!;
	const pad = (value: number) => String(value).padStart(2, '0');
	return `${pad(start)}:00-${pad(start + 1)}:00`;
}

it('says until when a service started by hand outside its window stays up', async () => {
	const root = processes.makeRoot({'feed.sh': '#!/bin/sh\necho "feed up"\nwhile :; do sleep 0.2; done\n'});
	serviceProcesses.watch(root.dir);
	const window = windowAwayFromNow();
	root.write('config/jobs.yaml', `timezone: UTC
services:
  - {id: feed, command: ["sh", "${root.dir}/feed.sh"], window: "${window}"}
`);
	await schedulerStarted(processes.start(root.dir));
	// As status shows a window: an en dash, and its days.
	const shown = `${window.replace('-', '–')} · every day`;
	const row = () => runCli(['status', '--root', root.dir]).stdout.split('\n').find(line => line.startsWith('feed '));
	expect(row()).toContain(`window ${shown}`);
	expect(row()).not.toContain('until');

	expect(runCli(['start', 'feed', '--root', root.dir]).code).toBe(0);
	await serviceLogShows(root.dir, 'feed', 'feed up', 'the service to start');
	const json = JSON.parse(runCli(['status', '--json', '--root', root.dir]).stdout) as {services: Array<{id: string; inWindow: boolean; closesAt?: string}>};
	const feed = json.services.find(service => service.id === 'feed');
	expect(feed?.inWindow).toBe(false);
	// The same moment as --json's closesAt (the API's), to the minute.
	expect(feed?.closesAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d/);
	expect(row()).toMatch(new RegExp(`window ${shown}.*, up until ${feed!.closesAt!.slice(0, 16).replace('T', ' ')}`));
}, 60_000);
