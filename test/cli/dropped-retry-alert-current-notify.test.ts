/**
 * A failure whose next attempt a pause drops is told as final (its alert goes out then) by the job as
 * jobs.yaml has it now: a reload that silenced the job (`notify: false`) while the attempt waited for
 * its backoff sends nothing for it. Before, the alert went out by the job as it was when its run ended.
 * Built binaries, a real headless scheduler, a real SQLite file, a local WeCom robot.
 */
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {expect, it} from 'vitest';
import {alertRobotRoots, robotMessages} from '../helpers/alert-robot-root.js';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';
import {waitingRetryRows} from '../helpers/waiting-retry-rows.js';

const processes = trackHeadlessProcesses();
const alertRoot = alertRobotRoots(processes);

const sync = (notify: string) => `  - {id: sync, ${notify}trigger: manual, retries: 1, retry_backoff: 10m, command: ["sh", "-c", "exit 3"]}\n`;
const marker = '  - {id: marker, trigger: manual, command: ["sh", "-c", "exit 4"]}\n';

it('a pause that drops a waiting attempt alerts the failure by the job\'s notify settings now, not when its run ended', async () => {
	const {root, robot} = await alertRoot(`jobs:\n${sync('')}${marker}`);
	const cli = (...args: string[]) => runCli([...args, '--root', root]);
	const headless = processes.start(root);
	await schedulerStarted(headless);

	// Given: run 1 of sync failed, attempt 2 waiting; then sync silenced by a reload.
	expect(cli('run', 'sync', '--detach').stdout.trim()).toBe('1');
	await waitFor(() => waitingRetryRows(root).length === 1, 30_000, 'run 1 to fail and its attempt 2 to be kept');
	writeFileSync(path.join(root, 'config/jobs.yaml'), `jobs:\n${sync('notify: false, ')}${marker}`);
	expect(cli('reload').code).toBe(0);

	// When: sync is paused, dropping attempt 2; then a marker job fails and is alerted.
	expect(cli('pause', 'sync').code).toBe(0);
	await waitFor(() => waitingRetryRows(root).length === 0, 30_000, 'the dropped attempt to leave the database');
	expect(cli('run', 'marker', '--detach').stdout.trim()).toBe('2');
	await waitFor(() => robotMessages(robot).some(text => text.startsWith('### ❌ marker failed')), 30_000, 'the marker\'s failure alert');

	// Then: nothing was sent for sync, silenced before its failure was final.
	expect(robotMessages(robot).filter(text => text.includes('sync'))).toEqual([]);
}, 120_000);
