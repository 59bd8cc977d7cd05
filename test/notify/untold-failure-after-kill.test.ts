/**
 * A first-failure alert still on its way when the scheduler dies (kill -9, the OOM killer, a power cut
 * while the robot hangs) is owed by the next start: the job's next failure there alerts. The alert was
 * marked untold only once every attempt had failed, so a death before then left no mark: the repeat
 * after the restart was silent and the phone never heard the job was failing.
 * Built binary, a real headless scheduler killed with SIGKILL, a real SQLite file, a local WeCom robot.
 */
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {expect, it} from 'vitest';
import {alertRobotRoots, robotMessages} from '../helpers/alert-robot-root.js';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const alertRoot = alertRobotRoots(processes);

it('alerts the next failure after a restart when the scheduler died while the first failure alert was still on its way', async () => {
	const {root, robot} = await alertRoot('jobs:\n  - {id: feed, name: 行情同步, trigger: manual, command: ["sh", "-c", "test -e feed-ok"]}\n');
	const cli = (...args: string[]) => runCli([...args, '--root', root]);
	const feedAlerts = () => robotMessages(robot).filter(text => text.startsWith('### ❌ 行情同步 failed'));

	// Given: feed's first failure, its alert taken by the robot but not answered (the robot hangs), and the scheduler killed then
	robot.mode.wecom = 'hold';
	const first = processes.start(root);
	await schedulerStarted(first);
	expect(cli('run', 'feed').code).toBe(1);
	await waitFor(() => feedAlerts().length === 1, 30_000, 'run 1\'s failure alert to reach the robot');
	first.child.kill('SIGKILL');
	await first.exited;

	// When: the robot answers again and feed fails under the next scheduler
	robot.mode.wecom = 'ok';
	const second = processes.start(root);
	await schedulerStarted(second);
	expect(cli('run', 'feed').code).toBe(1);

	// Then: that failure is alerted, naming its run
	await waitFor(() => feedAlerts().length === 2, 30_000, 'run 2\'s failure alert');
	expect(feedAlerts()[1]).toContain('- **run**: 2 · manual · attempt 1');

	// And a repeat after the told alert is silent, and the recovery counts all three
	expect(cli('run', 'feed').code).toBe(1);
	writeFileSync(path.join(root, 'feed-ok'), '');
	expect(cli('run', 'feed').code).toBe(0);
	await waitFor(() => robotMessages(robot).some(text => text.startsWith('### ✅ 行情同步 recovered')), 30_000, 'the recovery alert');
	expect(feedAlerts()).toHaveLength(2);
	expect(robotMessages(robot).find(text => text.startsWith('### ✅ 行情同步 recovered'))).toContain('failed**: 3 times since');
}, 120_000);
