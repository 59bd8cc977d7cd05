import {readFileSync, readdirSync, statSync} from 'node:fs';
import {createServer, type AddressInfo, type Socket} from 'node:net';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {Notifier} from '../../src/notify/notifier.js';
import {loadNotifySettings} from '../../src/notify/notify-settings.js';
import {SqliteNotificationStore} from '../../src/store/notification-store.js';
import {openDatabase} from '../../src/store/open-database.js';
import {MailServer, RobotServer} from '../helpers/robot-servers.js';
import {MemoryLogger, makeTestScheduler, type TestScheduler} from '../helpers/test-scheduler.js';
import {waitFor} from '../helpers/wait-for.js';

const pushplusToken = 'pp-token-5a1b2c3d4e5f';
const dingtalkSecret = 'SECdt-9f8e7d6c5b4a3928';
const dingtalkToken = 'dt-access-77aa88bb99cc';
const wecomKey = 'wc-key-1234-5678-90ab';
const smtpPass = 'smtp-pass-Zq8#kk2';

let robots: RobotServer;
let mail: MailServer;
let base: string;
let smtpPort: number;
let t: TestScheduler | undefined;

beforeEach(async () => {
	robots = new RobotServer(dingtalkSecret, pushplusToken);
	base = await robots.start();
	mail = new MailServer();
	smtpPort = await mail.start();
});

afterEach(async () => {
	await t?.close();
	t?.root.remove();
	t = undefined;
	await robots.stop();
	await mail.stop();
});

function writeNotifyConfig(dir: string, delivery = {attempts: 2, backoff_ms: 50, timeout_ms: 1500}): void {
	const write = (name: string, value: unknown) => {
		const file = path.join(dir, 'config', name);
		t!.root.write(path.join('config', name), JSON.stringify(value, null, 2));
		return file;
	};

	write('notify_config.json', {
		notify_daily_gainers: true,
		notify_weekly_gainers: false,
		channels: {
			pushplus: {url: `${base}/send`},
			dingtalk: {webhook: `${base}/robot/send?access_token=${dingtalkToken}`, secret: dingtalkSecret},
			wecom: {webhook: `${base}/cgi-bin/webhook/send?key=${wecomKey}`},
			email: {host: '127.0.0.1', port: smtpPort, secure: false, user: 'ops', pass: smtpPass, from: 'sage@box.local', to: ['ops@box.local']},
		},
		delivery,
	});
	write('user_config.json', {users: [
		{name: 'ops', pushplus_token: pushplusToken, notify_job_failures: true, watched_stocks: ['600519.SH']},
		{name: 'quiet', pushplus_token: 'pp-other-token-999', notify_job_failures: false},
	]});
}

function openNotifier(): {notifier: Notifier; logger: MemoryLogger} {
	const dir = t!.root.dir;
	const settings = loadNotifySettings(path.join(dir, 'config/notify_config.json'), path.join(dir, 'config/user_config.json'));
	const db = openDatabase(path.join(dir, 'data/sage.db'));
	const logger = new MemoryLogger();
	const notifier = new Notifier(settings, new SqliteNotificationStore(db), logger);
	notifier.attach(t!.scheduler);
	return {notifier, logger};
}

const jobs = `jobs:
  - {id: fetch, name: 每日行情同步, trigger: manual, module: jobs/throws.ts}
  - {id: ok, trigger: manual, command: ["true"]}
`;

async function runOnce(jobId: string) {
	const submitted = t!.scheduler.submit(jobId);
	return t!.scheduler.whenFinished(submitted.ok ? submitted.run.id : 0);
}

describe('alerts through every channel, against local servers', () => {
	it('one signed message per channel on the first failure, none on the repeat, one "recovered" with the count', async () => {
		t = makeTestScheduler(jobs);
		writeNotifyConfig(t.root.dir);
		const {notifier} = openNotifier();
		t.scheduler.start();
		const failed = await runOnce('fetch');
		await notifier.idle();
		expect(robots.of('/send')).toHaveLength(1);
		expect(robots.of('/robot/send')).toHaveLength(1);
		expect(robots.of('/cgi-bin/webhook/send')).toHaveLength(1);
		expect(mail.mails).toHaveLength(1);
		const push = robots.of('/send')[0]!.body;
		expect(push).toMatchObject({token: pushplusToken, template: 'html', title: '❌ 每日行情同步 failed'});
		for (const part of ['每日行情同步 (fetch)', 'DataFeedError: feed returned 502 for 600519.SH', 'at fetchBars', failed!.logPath!, 'attempt 1']) {
			expect(push.content).toContain(part.replaceAll('<', '&lt;'));
		}

		const ding = robots.of('/robot/send')[0]!;
		expect(ding.query.get('access_token')).toBe(dingtalkToken);
		expect(ding.body).toMatchObject({msgtype: 'markdown', markdown: {title: '❌ 每日行情同步 failed'}});
		expect((ding.body.markdown as {text: string}).text).toContain('**error**: DataFeedError: feed returned 502 for 600519.SH');
		expect(mail.mails[0]).toMatchObject({from: 'sage@box.local', to: ['ops@box.local']});
		expect(mail.mails[0]!.raw).toContain('Content-Type: text/html');
		expect(mail.mails[0]!.raw).toContain('Content-Type: text/plain');
		expect(notifier.notificationsFor(failed!.id).map(n => `${n.channel}:${n.recipient}:${n.status}`).sort()).toEqual([
			'dingtalk:robot:sent', 'email:ops@box.local:sent', 'pushplus:ops:sent', 'wecom:robot:sent',
		]);

		await runOnce('fetch');
		await notifier.idle();
		expect(robots.received).toHaveLength(3);
		expect(mail.mails).toHaveLength(1);

		t.scheduler.reload((await import('../../src/config/load-jobs-config.js')).parseJobsConfig(jobs.replace('module: jobs/throws.ts', 'command: ["true"]'), 'x', t.root.dir));
		await runOnce('fetch');
		await notifier.idle();
		expect(robots.of('/send')).toHaveLength(2);
		expect(robots.of('/send')[1]!.body.title).toBe('✅ 每日行情同步 recovered');
		expect(robots.of('/send')[1]!.body.content).toContain('2 times since');
		expect(mail.mails).toHaveLength(2);
	});

	it('a channel that errors or hangs delays no job, is retried, and ends recorded as failed', async () => {
		t = makeTestScheduler(jobs);
		// 4 s a try, two tries: long enough that both runs end inside it even on a loaded box (a module
		// worker's start and a spawn there can take a second or more each).
		writeNotifyConfig(t.root.dir, {attempts: 2, backoff_ms: 50, timeout_ms: 4000});
		robots.mode.dingtalk = 'hang';
		robots.mode.wecom = 'error500';
		const {notifier, logger} = openNotifier();
		t.scheduler.start();
		const run = await runOnce('fetch');
		const second = await runOnce('ok');
		expect(second?.status).toBe('success');
		// Both runs ended while the hanging channel's delivery was still going.
		expect(notifier.notificationsFor(run!.id).find(n => n.channel === 'dingtalk')?.status ?? 'pending').toBe('pending');
		await notifier.idle();
		const records = notifier.notificationsFor(run!.id);
		expect(records.find(n => n.channel === 'dingtalk')).toMatchObject({status: 'failed', attempts: 2, error: expect.stringContaining('no answer in time')});
		expect(records.find(n => n.channel === 'wecom')).toMatchObject({status: 'failed', attempts: 2, error: 'HTTP 500'});
		expect(records.find(n => n.channel === 'pushplus')).toMatchObject({status: 'sent', attempts: 1});
		expect(logger.lines.some(line => line.msg.startsWith('notification failed: dingtalk → robot'))).toBe(true);
	});

	it('a stopping notifier lets a retry still go out within its grace, then records what cannot go out as not sent', async () => {
		t = makeTestScheduler(jobs);
		writeNotifyConfig(t.root.dir, {attempts: 3, backoff_ms: 400, timeout_ms: 10_000});
		robots.mode.wecom = 'error500';
		robots.mode.dingtalk = 'hang';
		const {notifier} = openNotifier();
		t.scheduler.start();
		const run = await runOnce('fetch');
		await waitFor(() => robots.of('/cgi-bin/webhook/send').length === 1, 10_000, 'WeCom\'s first attempt'); // DingTalk's hangs meanwhile (a hanging request is not recorded)
		robots.mode.wecom = 'ok';
		const closing = Date.now();
		await notifier.close(1500);
		// Not the hanging request's 10 s timeout: the 1.5 s grace and a generous margin for a loaded box.
		expect(Date.now() - closing).toBeLessThan(1500 + 6000);
		const records = notifier.notificationsFor(run!.id);
		expect(records.find(n => n.channel === 'wecom')).toMatchObject({status: 'sent', attempts: 2});
		expect(records.find(n => n.channel === 'dingtalk')).toMatchObject({status: 'failed', attempts: 1, error: expect.stringContaining('not sent: sage-console stopped')});
		expect(records.find(n => n.channel === 'pushplus')).toMatchObject({status: 'sent'});
	});

	it('a mail server that accepts and never answers does not hold a stopping notifier past its grace: the connection is cut', async () => {
		const connections: Array<{closed: boolean; socket: Socket}> = [];
		const silentMail = createServer(socket => {
			const connection = {closed: false, socket};
			connections.push(connection);
			socket.on('error', () => undefined);
			socket.on('close', () => {
				connection.closed = true;
			});
		});
		await new Promise<void>(resolve => {
			silentMail.listen(0, '127.0.0.1', resolve);
		});
		try {
			smtpPort = (silentMail.address() as AddressInfo).port;
			t = makeTestScheduler(jobs);
			// Each wait of nodemailer's (connection, greeting, socket) would be 30 s on its own.
			writeNotifyConfig(t.root.dir, {attempts: 3, backoff_ms: 100, timeout_ms: 30_000});
			const {notifier} = openNotifier();
			t.scheduler.start();
			const run = await runOnce('fetch');
			await waitFor(() => connections.length === 1, 10_000, 'the connection to the mail server');
			const closing = Date.now();
			await notifier.close(500);
			// Not nodemailer's 30 s waits: the 0.5 s grace and a generous margin for a loaded box.
			expect(Date.now() - closing).toBeLessThan(500 + 8000);
			expect(notifier.notificationsFor(run!.id).find(n => n.channel === 'email')).toMatchObject({status: 'failed', attempts: 1, error: expect.stringContaining('not sent: sage-console stopped')});
			// Cut, not left open to keep a stopped process alive until nodemailer's own timeout.
			await waitFor(() => connections[0]!.closed, 10_000, 'the connection to the mail server closed');
		} finally {
			for (const {socket} of connections) {
				socket.destroy();
			}

			silentMail.close();
		}
	});

	it('stops PushPlus for the day on code 900 and does not retry a bad token (903)', async () => {
		t = makeTestScheduler(jobs);
		writeNotifyConfig(t.root.dir);
		robots.mode.pushplus = 'limit';
		const {notifier} = openNotifier();
		const [limited] = await notifier.send({kind: 'test', title: 'a', html: 'a', markdown: 'a', text: 'a'}, {channels: ['pushplus'], users: ['ops']});
		expect(limited).toMatchObject({status: 'failed', attempts: 1, error: expect.stringContaining('daily limit reached')});
		robots.mode.pushplus = 'ok';
		const [paused] = await notifier.send({kind: 'test', title: 'b', html: 'b', markdown: 'b', text: 'b'}, {channels: ['pushplus'], users: ['ops']});
		expect(paused).toMatchObject({status: 'failed', attempts: 0, error: expect.stringContaining('paused until')});
		const [bad] = await notifier.send({kind: 'test', title: 'c', html: 'c', markdown: 'c', text: 'c'}, {channels: ['pushplus'], users: ['quiet']});
		expect(bad).toMatchObject({status: 'failed', attempts: 1, error: expect.stringContaining('code 903')});
	});

	it('never writes a token, secret, webhook key or password into logs/ or data/', async () => {
		t = makeTestScheduler(jobs);
		writeNotifyConfig(t.root.dir);
		robots.mode.dingtalk = 'error500';
		const {notifier} = openNotifier();
		t.scheduler.start();
		await runOnce('fetch');
		await notifier.idle();
		await notifier.sendTest();
		const secrets = [pushplusToken, dingtalkSecret, dingtalkToken, wecomKey, smtpPass, 'pp-other-token-999'];
		const files = (dir: string): string[] => readdirSync(dir).flatMap(name => {
			const file = path.join(dir, name);
			return statSync(file).isDirectory() ? files(file) : [file];
		});
		await t.close();
		const everything = [...files(path.join(t.root.dir, 'logs')), ...files(path.join(t.root.dir, 'data'))];
		expect(everything.some(file => file.endsWith('sage.db'))).toBe(true);
		for (const file of everything) {
			const bytes = readFileSync(file);
			for (const secret of secrets) {
				expect(bytes.includes(secret), `${secret} in ${file}`).toBe(false);
			}
		}

		t.root.remove();
		t = undefined;
	});
});

describe('notification settings', () => {
	it('reports problems with FILE:LINE:COL and warns when others can read the tokens', async () => {
		t = makeTestScheduler(jobs);
		t.root.write('config/notify_config.json', '{\n  "channels": {\n    "dingtalk": {"webhook": "not a url"},\n    "fax": {}\n  }\n}\n');
		t.root.write('config/user_config.json', '{"users": [{"name": "ops", "pushplus_token": "x"}]}');
		const dir = t.root.dir;
		expect(() => loadNotifySettings(path.join(dir, 'config/notify_config.json'), path.join(dir, 'config/user_config.json'))).toThrow(/notify_config\.json:3:29: webhook must be an http\(s\) URL\n.*notify_config\.json:4:5: unknown key "fax" in channels/);
		t.root.write('config/notify_config.json', '{}');
		const {chmodSync} = await import('node:fs');
		chmodSync(path.join(dir, 'config/notify_config.json'), 0o600);
		chmodSync(path.join(dir, 'config/user_config.json'), 0o644);
		const settings = loadNotifySettings(path.join(dir, 'config/notify_config.json'), path.join(dir, 'config/user_config.json'));
		expect(settings.warnings).toEqual([expect.stringMatching(/^user_config\.json holds tokens and is readable by other users \(mode 644\): chmod 600 /)]);
	});
});
