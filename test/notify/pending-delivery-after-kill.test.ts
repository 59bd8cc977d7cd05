/**
 * A delivery still on its way when the scheduler is killed (kill -9 while the robot has not answered)
 * stayed 'pending' for ever in its run's detail and /v1/runs/:id. The next scheduler's start closes it
 * as failed, saying why, and logs it; a delivery a one-off `sage-console run` is sending beside that
 * start is its own, left alone. Built binary, real headless schedulers and one-off run, a real
 * SQLite file, a local WeCom robot.
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {afterEach, expect, it} from 'vitest';
import {alertRobotRoots, robotMessages} from '../helpers/alert-robot-root.js';
import {runCli, schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const alertRoot = alertRobotRoots(processes);
const oneOffs: Array<ReturnType<typeof startCli>> = [];
afterEach(async () => {
	for (const oneOff of oneOffs.splice(0)) {
		if (oneOff.child.exitCode === null && oneOff.child.signalCode === null) {
			oneOff.child.kill('SIGKILL');
			await oneOff.exited;
		}
	}
});

const feedYaml = 'jobs:\n  - {id: feed, name: 行情同步, trigger: manual, command: ["false"]}\n';
const reason = 'not sent: the sage-console that queued it stopped before it was sent';

type Row = {run_id: number | null; status: string; error: string | null};
function deliveries(root: string): Row[] {
	const db = new Database(path.join(root, 'data/sage.db'), {readonly: true});
	try {
		return db.prepare('SELECT run_id, status, error FROM notifications ORDER BY id').all() as Row[];
	} finally {
		db.close();
	}
}

it('closes as failed, at the next start, a delivery a scheduler killed with -9 left pending', async () => {
	const {root, robot} = await alertRoot(feedYaml);
	const feedAlerts = () => robotMessages(robot).filter(text => text.startsWith('### ❌ 行情同步 failed'));

	// Given: feed's failure alert taken by the robot but not answered, and the scheduler killed then
	robot.mode.wecom = 'hold';
	const first = processes.start(root);
	await schedulerStarted(first);
	expect(runCli(['run', 'feed', '--root', root]).code).toBe(1);
	await waitFor(() => feedAlerts().length === 1, 30_000, 'run 1\'s failure alert to reach the robot');
	first.child.kill('SIGKILL');
	await first.exited;
	expect(deliveries(root)).toEqual([{run_id: 1, status: 'pending', error: null}]);

	// When: the next scheduler starts
	robot.mode.wecom = 'ok';
	const second = processes.start(root);
	await schedulerStarted(second);

	// Then: the delivery is closed as failed, with why, in the run's record and the log
	await waitFor(() => deliveries(root)[0]?.status !== 'pending', 30_000, 'the left delivery to be closed');
	// (the start's own `⚠ sage-console was down` alert, of no run, is its own delivery)
	expect(deliveries(root).filter(row => row.run_id === 1)).toEqual([{run_id: 1, status: 'failed', error: reason}]);
	expect(readFileSync(path.join(root, 'logs/sage-console.log'), 'utf8')).toMatch(/1 notification delivery left pending by a stopped sage-console \(pid \d+\) closed as failed: not sent/);
}, 120_000);

it('leaves alone a delivery a one-off run still going is sending when a scheduler starts', async () => {
	const {root, robot} = await alertRoot(feedYaml);
	const feedAlerts = () => robotMessages(robot).filter(text => text.startsWith('### ❌ 行情同步 failed'));

	// Given: a one-off `run feed` (no scheduler) whose failure alert the robot took and has not answered
	robot.mode.wecom = 'hold';
	const oneOff = startCli(['run', 'feed', '--root', root]);
	oneOffs.push(oneOff);
	await waitFor(() => feedAlerts().length === 1, 30_000, 'the one-off\'s failure alert to reach the robot');
	expect(deliveries(root)).toEqual([{run_id: 1, status: 'pending', error: null}]);

	// When: a scheduler starts beside it
	const scheduler = processes.start(root);
	await schedulerStarted(scheduler);

	// Then: the one-off's delivery is still its own: pending until the robot answers, then sent
	expect(deliveries(root)).toEqual([{run_id: 1, status: 'pending', error: null}]);
	robot.release();
	await waitFor(() => deliveries(root)[0]?.status !== 'pending', 30_000, 'the one-off\'s delivery to end');
	expect(deliveries(root)).toEqual([{run_id: 1, status: 'sent', error: null}]);
	expect(await oneOff.exited).toBe(1);
}, 120_000);
