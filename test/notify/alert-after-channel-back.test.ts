/**
 * A job's failing and recovering are followed while no channel is configured (the only robot taken out
 * of notify_config.json for a while): a job that recovered meanwhile alerts its next failure once the
 * robot is back. Runs ended with no channel were not looked at, so the job stayed "failing" from before,
 * and its new failure after the robot came back was taken for a repeat: silent.
 * Built binary, a real headless scheduler, `reload`, a local WeCom robot.
 */
import {readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {expect, it} from 'vitest';
import {alertRobotRoots, robotMessages} from '../helpers/alert-robot-root.js';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const alertRoot = alertRobotRoots(processes);

it('alerts a new failure once the channel is back when the job recovered while no channel was configured', async () => {
	const {root, robot} = await alertRoot('jobs:\n  - {id: flip, trigger: manual, command: ["sh", "-c", "test -e flip-ok"]}\n');
	const cli = (...args: string[]) => runCli([...args, '--root', root]);
	const notifyFile = path.join(root, 'config/notify_config.json');
	const withRobot = readFileSync(notifyFile, 'utf8');
	const failures = () => robotMessages(robot).filter(text => text.startsWith('### ❌ flip failed'));
	const headless = processes.start(root);
	await schedulerStarted(headless);

	// Given: flip's failure alerted, then the robot taken out, and flip recovering meanwhile
	expect(cli('run', 'flip').code).toBe(1);
	await waitFor(() => failures().length === 1, 30_000, 'run 1\'s failure alert');
	writeFileSync(notifyFile, '{}');
	expect(cli('reload').stdout).toContain('notifications: changed, no channel');
	writeFileSync(path.join(root, 'flip-ok'), '');
	expect(cli('run', 'flip').code).toBe(0);

	// When: the robot is back and flip fails again
	writeFileSync(notifyFile, withRobot);
	expect(cli('reload').stdout).toContain('notifications: changed, wecom');
	rmSync(path.join(root, 'flip-ok'));
	expect(cli('run', 'flip').code).toBe(1);

	// Then: that failure is alerted, naming its run
	await waitFor(() => failures().length === 2, 30_000, 'run 3\'s failure alert');
	expect(failures()[1]).toContain('- **run**: 3 · manual · attempt 1');
}, 90_000);
