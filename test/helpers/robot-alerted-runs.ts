/**
 * The set-up of the tests of alerts cut to a channel's size limits: a local robot (RobotServer: PushPlus,
 * DingTalk, WeCom) started before each test and stopped after it, and `alertedRun(jobId)`, which runs one
 * job of `jobsYaml` on a real test scheduler (its root holding `files`) whose alerts go, in one attempt,
 * to the channels `channels(base)` names at that robot, for the `users` of config/user_config.json.
 * Call it at a test file's top level.
 */
import path from 'node:path';
import {afterEach, beforeEach} from 'vitest';
import type {RunRecord} from '../../src/core/run-record.js';
import {Notifier} from '../../src/notify/notifier.js';
import {loadNotifySettings} from '../../src/notify/notify-settings.js';
import {SqliteNotificationStore} from '../../src/store/notification-store.js';
import {openDatabase} from '../../src/store/open-database.js';
import {RobotServer} from './robot-servers.js';
import {makeTempRoot} from './temp-root.js';
import {MemoryLogger, makeTestScheduler, type TestScheduler} from './test-scheduler.js';

export type RobotAlertedRuns = {
	/** The robot of the current test, with what it received. */
	robots(): RobotServer;
	/**
	 * Runs `jobId` to its end and waits for its alerts to be delivered: the run, and each delivery the
	 * notifier recorded for it as `channel:status` (` (error)` after a failed one), sorted.
	 */
	alertedRun(jobId: string): Promise<{run: RunRecord; rows: string[]}>;
};

export function robotAlertedRuns(options: {
	dingtalkSecret: string;
	pushplusToken: string;
	jobsYaml: string;
	files: Record<string, string>;
	/** config/notify_config.json's `channels`, given the robot's base URL. */
	channels: (base: string) => Record<string, unknown>;
	users: Array<Record<string, unknown>>;
}): RobotAlertedRuns {
	let robots: RobotServer | undefined;
	let base = '';
	let t: TestScheduler | undefined;

	beforeEach(async () => {
		robots = new RobotServer(options.dingtalkSecret, options.pushplusToken);
		base = await robots.start();
	});

	afterEach(async () => {
		await t?.close();
		t?.root.remove();
		t = undefined;
		await robots?.stop();
	});

	return {
		robots() {
			if (!robots) {
				throw new Error('no robot: it starts before each test');
			}

			return robots;
		},
		async alertedRun(jobId) {
			t = makeTestScheduler(options.jobsYaml, {root: makeTempRoot(options.files)});
			t.root.write('config/notify_config.json', JSON.stringify({channels: options.channels(base), delivery: {attempts: 1, backoff_ms: 50, timeout_ms: 3000}}));
			t.root.write('config/user_config.json', JSON.stringify({users: options.users}));
			const dir = t.root.dir;
			const settings = loadNotifySettings(path.join(dir, 'config/notify_config.json'), path.join(dir, 'config/user_config.json'));
			const notifier = new Notifier(settings, new SqliteNotificationStore(openDatabase(path.join(dir, 'data/sage.db'))), new MemoryLogger());
			notifier.attach(t.scheduler);
			t.scheduler.start();
			const submitted = t.scheduler.submit(jobId);
			const run = await t.scheduler.whenFinished(submitted.ok ? submitted.run.id : 0);
			await notifier.idle();
			const rows = notifier.notificationsFor(run!.id).map(n => `${n.channel}:${n.status}${n.error ? ` (${n.error})` : ''}`).sort();
			return {run: run!, rows};
		},
	};
}
