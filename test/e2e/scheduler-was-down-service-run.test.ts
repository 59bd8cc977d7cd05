/**
 * A scheduler killed with -9 while a service ran, the service's process gone too (the OOM killer took
 * both, or the box lost power): the next start closes the service's run interrupted and says so, and
 * the count it gives is true to it. The alert, the log and the header's notice counted only job runs,
 * and read "0 runs interrupted" beside the line naming the service run just closed. Real parts: the
 * built binary, a real service process, a local WeCom robot, `status --json` as an operator reads it.
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {expect, it} from 'vitest';
import {alertRobotRoots, downAlerts} from '../helpers/alert-robot-root.js';
import {readRuns} from '../helpers/history-file.js';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const robotRoot = alertRobotRoots(processes);
const slow = 60_000;

it('counts the service run a restart closed interrupted in the alert, the log and the header notice', async () => {
	// Given a headless scheduler keeping an always-on service up
	const {root, robot} = await robotRoot('jobs:\n  - {id: quick, trigger: manual, command: ["true"]}\nservices:\n  - {id: collector, command: ["sh", "-c", "echo $$ > collector.pid; exec sleep 600"]}\n');
	const first = processes.start(root);
	await schedulerStarted(first);
	const pidFile = path.join(root, 'collector.pid');
	const servicePid = await waitFor(() => {
		try {
			return Number(readFileSync(pidFile, 'utf8').trim()) || undefined;
		} catch {
			return undefined;
		}
	}, slow, 'the service to start');
	// Its run on disk as running (history's writes are queued: seen, not assumed after a pause)
	await waitFor(() => readRuns(root).some(row => row.job_id === 'collector' && row.status === 'running'), slow, 'the service\'s run in history');

	// When the scheduler and the service's process are both killed with -9, and the scheduler starts again
	first.child.kill('SIGKILL');
	await first.exited;
	process.kill(servicePid, 'SIGKILL');
	const second = processes.start(root);
	await schedulerStarted(second);

	// Then the alert counts the service run it closed interrupted, beside no job run
	const [alert] = await waitFor(() => downAlerts(robot).length > 0 && downAlerts(robot), slow, 'the alert at the robot');
	expect(alert).toContain('- **runs interrupted**: 0 job runs, 1 service run');
	// The log says the same
	expect(second.output().stdout).toMatch(/sage-console was down: .*started again [^,]+, 0 job runs, 1 service run closed interrupted/);
	// And so does the header's notice
	const status = runCli(['status', '--json', '--root', root]);
	expect(status.code).toBe(0);
	const notices = (JSON.parse(status.stdout) as {notices: string[]}).notices.filter(notice => notice.startsWith('sage-console was down'));
	expect(notices).toHaveLength(1);
	expect(notices[0]).toMatch(/; 0 job runs, 1 service run interrupted$/);
	second.child.kill('SIGTERM');
	expect(await second.exited).toBe(0);
}, 4 * slow);
