/**
 * A failure with a long stack or message (a Python traceback quoting a long Chinese record, an error
 * carrying a response body) still reaches the robots: DingTalk refuses a body past 20,000 bytes
 * (errcode 460101, not worth a retry) and WeCom content past 4,096 bytes (errcode 40058); the local
 * robot answers as they do.
 */
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {Notifier} from '../../src/notify/notifier.js';
import {loadNotifySettings} from '../../src/notify/notify-settings.js';
import {SqliteNotificationStore} from '../../src/store/notification-store.js';
import {openDatabase} from '../../src/store/open-database.js';
import {RobotServer} from '../helpers/robot-servers.js';
import {makeTempRoot} from '../helpers/temp-root.js';
import {MemoryLogger, makeTestScheduler, type TestScheduler} from '../helpers/test-scheduler.js';

const dingtalkSecret = 'SECdt-1a2b3c4d5e6f7788';

let robots: RobotServer;
let base: string;
let t: TestScheduler | undefined;

beforeEach(async () => {
	robots = new RobotServer(dingtalkSecret, 'pp-unused-token');
	base = await robots.start();
});

afterEach(async () => {
	await t?.close();
	t?.root.remove();
	t = undefined;
	await robots.stop();
});

// 20 lines of a traceback, each quoting 1,500 Chinese characters (4.5 kB), then the exception.
const traceback = `
const record = '600519.SH 贵州茅台 日线数据缺失 '.repeat(100);
const lines = ['Traceback (most recent call last):'];
for (let i = 0; i < 20; i++) lines.push('  File "scripts/data/bars.py", line ' + (i + 10) + ', in fetch: ' + record);
lines.push('ValueError: 行情数据缺失 600519.SH');
process.stderr.write(lines.join('\\n') + '\\n');
process.exit(1);
`;

const jobs = `jobs:
  - {id: bars, name: 日线同步, trigger: manual, command: ["${process.execPath}", "scripts/bars.cjs"]}
  - {id: fetch, name: 行情接口, trigger: manual, module: jobs/long-error.ts}
`;

async function failedAlerts(jobId: string) {
	t = makeTestScheduler(jobs, {root: makeTempRoot({
		'scripts/bars.cjs': traceback,
		'jobs/long-error.ts': "export default async function run() { throw new Error('接口返回：' + '成交额字段为空，'.repeat(3000)); }\n",
	})});
	t.root.write('config/notify_config.json', JSON.stringify({channels: {
		dingtalk: {webhook: `${base}/robot/send?access_token=dt-token-99887766`, secret: dingtalkSecret},
		wecom: {webhook: `${base}/cgi-bin/webhook/send?key=wc-key-55443322`},
	}, delivery: {attempts: 1, backoff_ms: 50, timeout_ms: 3000}}));
	t.root.write('config/user_config.json', JSON.stringify({users: []}));
	const dir = t.root.dir;
	const settings = loadNotifySettings(path.join(dir, 'config/notify_config.json'), path.join(dir, 'config/user_config.json'));
	const notifier = new Notifier(settings, new SqliteNotificationStore(openDatabase(path.join(dir, 'data/sage.db'))), new MemoryLogger());
	notifier.attach(t.scheduler);
	t.scheduler.start();
	const submitted = t.scheduler.submit(jobId);
	const run = await t.scheduler.whenFinished(submitted.ok ? submitted.run.id : 0);
	await notifier.idle();
	const ding = (robots.of('/robot/send')[0]!.body.markdown as {text: string}).text;
	const wecom = (robots.of('/cgi-bin/webhook/send')[0]!.body.markdown as {content: string}).content;
	const rows = notifier.notificationsFor(run!.id).map(n => `${n.channel}:${n.status}${n.error ? ` (${n.error})` : ''}`).sort();
	return {run: run!, ding, wecom, rows};
}

/** An even number of ``` lines: no fence left open to swallow what follows. */
const fencesClosed = (markdown: string) => markdown.split('\n').filter(line => line.startsWith('```')).length % 2 === 0;

describe('alerts cut to the robots\' size limits', () => {
	it('a command\'s long Chinese traceback: both robots take it, each keeps the exception, the log path and whole characters', async () => {
		const {run, ding, wecom, rows} = await failedAlerts('bars');
		expect(rows).toEqual(['dingtalk:sent', 'wecom:sent']);
		expect(Buffer.byteLength(wecom)).toBeLessThanOrEqual(4096);
		for (const text of [ding, wecom]) {
			expect(text).toContain('ValueError: 行情数据缺失 600519.SH');
			expect(text).toContain(`- **log**: ${run.logPath}`);
			expect(text).toContain('…');
			expect(text).not.toContain('\uFFFD');
			expect(fencesClosed(text)).toBe(true);
		}
	});

	it('a job error with a very long Chinese message: DingTalk takes it, with the error and the log path', async () => {
		const {run, ding, wecom, rows} = await failedAlerts('fetch');
		expect(rows).toEqual(['dingtalk:sent', 'wecom:sent']);
		expect(ding).toContain('- **error**: Error: 接口返回：成交额字段为空，');
		expect(ding).toContain(`- **log**: ${run.logPath}`);
		for (const text of [ding, wecom]) {
			expect(text).not.toContain('\uFFFD');
			expect(fencesClosed(text)).toBe(true);
		}
	});
});
