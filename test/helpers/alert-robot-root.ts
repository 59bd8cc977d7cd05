/**
 * The set-up of the tests of the scheduler's own death (`⚠ sage-console was down`): a root whose
 * alerts go to a local WeCom robot (two attempts, quick backoff), and the alerts that robot received.
 */
import {chmodSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {afterEach} from 'vitest';
import {RobotServer} from './robot-servers.js';
import {schedulerStarted, type HeadlessProcesses, type startCli} from './run-cli.js';
import {waitFor} from './wait-for.js';

/** One manual job that ends at once. */
export const quickJobYaml = 'jobs:\n  - {id: quick, trigger: manual, command: ["true"]}\n';

/**
 * An attempt's timeout, far past any answer of the local robot: these robots answer at once or with a
 * 500, never hang, and an attempt's timer runs from the moment it is sent while a loaded box may read
 * the answer seconds later (up to 0.6 s seen at a load of 18 on 2 cores). With 2 s, an attempt whose
 * timer ran out first was tried again: the robot counted a refused alert short (the first attempt aborted
 * before it went out) or a delivered one twice.
 */
const attemptTimeoutMs = 60_000;

/** Makes roots with their own robot, each robot stopped after its test. Call at a test file's top level. */
export function alertRobotRoots(processes: HeadlessProcesses): (jobsYaml?: string) => Promise<{root: string; robot: RobotServer}> {
	const robots: RobotServer[] = [];
	afterEach(async () => {
		await Promise.all(robots.splice(0).map(async robot => robot.stop()));
	});
	return async (jobsYaml = quickJobYaml) => {
		const robot = new RobotServer('unused-secret', 'unused-token');
		robots.push(robot);
		const base = await robot.start();
		const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
		const notify = path.join(root.dir, 'config/notify_config.json');
		writeFileSync(notify, JSON.stringify({channels: {wecom: {webhook: `${base}/cgi-bin/webhook/send?key=wc-key-test-1`}}, delivery: {attempts: 2, backoff_ms: 50, timeout_ms: attemptTimeoutMs}}));
		chmodSync(notify, 0o600);
		return {root: root.dir, robot};
	};
}

/**
 * The messages in one the robot received: itself, or each one a digest carries (alerts that queued up
 * for the robot while it was busy go as one, src/notify/message-digest.ts), each as its fields, in order.
 */
const messagesIn = (markdown: string) => (markdown.startsWith('### 📣 ') ? markdown.split('\n\n---\n\n').slice(1) : [markdown]);

/** The markdown of every message the robot received, a digest's one by one. */
export const robotMessages = (robot: RobotServer) => robot.of('/cgi-bin/webhook/send').flatMap(entry => messagesIn((entry.body.markdown as {content: string}).content));

/** The markdown of every `⚠ sage-console was down` alert the robot received. */
export const downAlerts = (robot: RobotServer) => robotMessages(robot).filter(text => text.startsWith('### ⚠ sage-console was down'));

/**
 * Every death before the running scheduler is marked told: an alert counts as told once the robot
 * took it, so a kill right after the robot received it may come before its answer was read.
 */
export function allDeathsTold(root: string): boolean {
	const db = new Database(path.join(root, 'data/sage.db'), {readonly: true});
	try {
		db.pragma('busy_timeout = 5000');
		const row = db.prepare('SELECT count(*) AS untold FROM scheduler_life WHERE stopped_at IS NULL AND told_at IS NULL AND id < (SELECT max(id) FROM scheduler_life)').get() as {untold: number};
		return row.untold === 0;
	} finally {
		db.close();
	}
}

/**
 * The start of a crash loop on `root`: its scheduler started, then killed with -9 and started again
 * three times, each death's alert waited for until it is recorded as told (an alert is told once the
 * robot's answer is read: a kill before that left the death untold, for the next start to tell again).
 * Gives the fourth start, running.
 */
export async function threeDeathsTold(processes: HeadlessProcesses, root: string, robot: RobotServer, waitMs: number): Promise<ReturnType<typeof startCli>> {
	let current = processes.start(root);
	await schedulerStarted(current);
	for (let death = 1; death <= 3; death++) {
		current.child.kill('SIGKILL');
		await current.exited;
		current = processes.start(root);
		await schedulerStarted(current);
		await waitFor(() => downAlerts(robot).length === death, waitMs, `alert ${death}`);
		await waitFor(() => allDeathsTold(root), waitMs, `alert ${death} recorded as told`);
	}

	return current;
}
