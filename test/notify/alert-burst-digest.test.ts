/**
 * A burst of failures (a feed down at the open fails every job that reads it) must not reach the phone
 * as a trickle: PushPlus takes 5 messages a minute, a DingTalk robot 20 and then goes silent for ten
 * minutes. What queues for one channel while it is busy goes out as one digest that names every job.
 */
import path from 'node:path';
import {afterEach, beforeEach, expect, it} from 'vitest';
import {Notifier} from '../../src/notify/notifier.js';
import {loadNotifySettings} from '../../src/notify/notify-settings.js';
import {SqliteNotificationStore} from '../../src/store/notification-store.js';
import {openDatabase} from '../../src/store/open-database.js';
import {RobotServer} from '../helpers/robot-servers.js';
import {MemoryLogger, makeTestScheduler, type TestScheduler} from '../helpers/test-scheduler.js';
import {waitFor} from '../helpers/wait-for.js';

const pushplusToken = 'pp-burst-token-77';
const dingtalkSecret = 'SECdt-burst-0011';
const jobIds = ['sync_bars', 'sync_quotes', 'sync_index', 'sync_moneyflow', 'sync_margin', 'sync_holders'];

let robots: RobotServer;
let t: TestScheduler | undefined;

beforeEach(async () => {
	robots = new RobotServer(dingtalkSecret, pushplusToken);
});

afterEach(async () => {
	await t?.close();
	t?.root.remove();
	t = undefined;
	await robots.stop();
});

it('failures that queue while a channel is busy reach it as one digest naming each job, every run\'s alert recorded as sent', async () => {
	const base = await robots.start();
	t = makeTestScheduler(`jobs:\n${jobIds.map(id => `  - {id: ${id}, trigger: manual, command: ["sh", "-c", "echo 'feed returned 502' >&2; exit 3"]}\n`).join('')}`);
	t.root.write('config/notify_config.json', JSON.stringify({
		channels: {pushplus: {url: `${base}/send`}, dingtalk: {webhook: `${base}/robot/send?access_token=dt-burst`, secret: dingtalkSecret}},
		delivery: {attempts: 1, backoff_ms: 10, timeout_ms: 20_000},
	}));
	t.root.write('config/user_config.json', JSON.stringify({users: [{name: 'ops', pushplus_token: pushplusToken, notify_job_failures: true}]}));
	const dir = t.root.dir;
	const notifier = new Notifier(loadNotifySettings(path.join(dir, 'config/notify_config.json'), path.join(dir, 'config/user_config.json')), new SqliteNotificationStore(openDatabase(path.join(dir, 'data/sage.db'))), new MemoryLogger());
	notifier.attach(t.scheduler);
	t.scheduler.start();
	const runOnce = async (jobId: string) => {
		const submitted = t!.scheduler.submit(jobId);
		return t!.scheduler.whenFinished(submitted.ok ? submitted.run.id : 0);
	};

	// Both services take the first alert and keep it unanswered while the other jobs fail.
	robots.mode.pushplus = 'hold';
	robots.mode.dingtalk = 'hold';
	const runs = [await runOnce(jobIds[0]!)];
	await waitFor(() => robots.of('/send').length === 1 && robots.of('/robot/send').length === 1, 20_000, 'the first alert at both services');
	for (const jobId of jobIds.slice(1)) {
		runs.push(await runOnce(jobId));
	}

	expect(runs.map(run => run?.status)).toEqual(jobIds.map(() => 'failed'));
	robots.mode.pushplus = 'ok';
	robots.mode.dingtalk = 'ok';
	robots.release();
	await notifier.idle();

	const pushes = robots.of('/send').map(entry => entry.body as {title: string; content: string});
	expect(pushes.map(push => push.title)).toEqual(['❌ sync_bars failed', expect.stringMatching(/^📣 5 notifications: ❌ sync_quotes failed · ❌ sync_index failed/) as string]);
	const robotTexts = robots.of('/robot/send').map(entry => entry.body.markdown as {title: string; text: string});
	expect(robotTexts).toHaveLength(2);
	for (const jobId of jobIds.slice(1)) {
		const run = runs[jobIds.indexOf(jobId)]!;
		expect(pushes[1]!.content).toContain(`❌ ${jobId} failed`);
		expect(pushes[1]!.content).toContain(`${run.id} · manual · attempt 1`);
		expect(robotTexts[1]!.text).toContain(`- ❌ ${jobId} failed`);
		expect(robotTexts[1]!.text).toContain(`**log**: ${run.logPath!}`);
	}

	expect(pushes[1]!.content).toContain('feed returned 502');
	for (const run of runs) {
		expect(notifier.notificationsFor(run!.id).map(n => `${n.channel}:${n.status}`).sort()).toEqual(['dingtalk:sent', 'pushplus:sent']);
	}
});
