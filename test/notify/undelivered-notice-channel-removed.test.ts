/**
 * The standing notice `alerts not delivered: wecom (HTTP 500) since …` goes when the operator takes
 * that channel out of notify_config.json (the robot is broken; alerts go elsewhere meanwhile). It
 * stayed until a restart: `status`, the console header and `sage_notices` kept reporting a channel that
 * no longer existed, and no delivery through it could ever clear it.
 * Built binary, a real headless scheduler, a local WeCom robot answering 500.
 */
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {expect, it} from 'vitest';
import {alertRobotRoots} from '../helpers/alert-robot-root.js';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const alertRoot = alertRobotRoots(processes);

it('drops a channel from the alerts-not-delivered notice once the notify files no longer configure it', async () => {
	const {root, robot} = await alertRoot('jobs:\n  - {id: feed, trigger: manual, command: ["false"]}\n');
	const status = () => runCli(['status', '--root', root]).stdout;

	// Given: the robot refuses every alert, and feed's failure alert has failed through it
	robot.mode.wecom = 'error500';
	const headless = processes.start(root);
	await schedulerStarted(headless);
	expect(runCli(['run', 'feed', '--root', root]).code).toBe(1);
	await waitFor(() => status().includes('! alerts not delivered: wecom (HTTP 500)'), 30_000, 'the notice of the refused alert');

	// When: the operator takes the robot out of notify_config.json and reloads
	writeFileSync(path.join(root, 'config/notify_config.json'), JSON.stringify({delivery: {attempts: 2, backoff_ms: 50, timeout_ms: 60_000}}));
	const reload = runCli(['reload', '--root', root]);
	expect(reload.stdout).toContain('notifications: changed, no channel');

	// Then: the notice is gone
	await waitFor(() => !status().includes('alerts not delivered'), 30_000, 'the notice to go');
	expect(status()).toContain('nothing running');
}, 90_000);
