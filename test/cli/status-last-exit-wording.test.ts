/**
 * A service's last exit reads the same in `sage-console status` as in the console's services row and
 * service view (`10:14:21 exit 2`): status said `10:14:21 code 2`. With the built CLI, a headless
 * scheduler and a real service process that exits with code 2 and is not restarted.
 */
import {expect, it} from 'vitest';
import {runCli, schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {trackServiceProcesses} from '../helpers/service-processes.js';
import {statusServices, type StatusService} from '../helpers/status-services.js';
import {canStepClock, steppedClock} from '../helpers/stepped-clock.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const serviceProcesses = trackServiceProcesses();

type ExitedService = StatusService & {lastExit?: {exitCode?: number; at: string}};

/** A root whose one service, `quits`, exits with code 2 at once and is not restarted (jobs.yaml in UTC). */
function rootWithQuittingService() {
	const root = processes.makeRoot({'quits.sh': '#!/bin/sh\necho "giving up" >&2\nexit 2\n'});
	serviceProcesses.watch(root.dir);
	root.write('config/jobs.yaml', `timezone: UTC
services:
  - {id: quits, command: ["sh", "${root.dir}/quits.sh"], restart: never}
`);
	return root;
}

it('status words a service\'s last exit as the console does: `exit 2`', async () => {
	const root = rootWithQuittingService();
	await schedulerStarted(processes.start(root.dir));
	await waitFor(() => statusServices<ExitedService>(root.dir).find(service => service.lastExit?.exitCode === 2), 20_000, 'the service to exit with code 2');

	const row = runCli(['status', '--root', root.dir]).stdout.split('\n').find(line => line.startsWith('quits '));
	expect(row).toMatch(/ \d\d:\d\d:\d\d exit 2 /);
	expect(row).not.toContain('code 2');
}, 60_000);

it.runIf(canStepClock)('status gives an exit of an earlier day its date, as the console does: `12-06 10:14:21 exit 2`', async () => {
	const root = rootWithQuittingService();
	// The scheduler and each status read the same wall clock, which the test moves on a day.
	const clock = steppedClock(root.dir);
	const app = startCli(['--headless', '--root', root.dir], {env: clock.env});
	processes.track(app);
	await schedulerStarted(app);
	const exited = await waitFor(() => statusServices<ExitedService>(root.dir).find(service => service.lastExit?.exitCode === 2), 20_000, 'the service to exit with code 2');
	const at = new Date(exited.lastExit!.at).toISOString();
	const rowOfQuits = () => runCli(['status', '--root', root.dir], {env: clock.env}).stdout.split('\n').find(line => line.startsWith('quits '));
	expect(rowOfQuits()).toContain(` ${at.slice(11, 19)} exit 2 `);

	clock.step('+1d');
	// Before, the next day's status said `10:14:21 exit 2` as if it were today's.
	expect(rowOfQuits()).toContain(` ${at.slice(5, 10)} ${at.slice(11, 19)} exit 2 `);
}, 60_000);
