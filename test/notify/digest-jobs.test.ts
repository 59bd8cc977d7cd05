import {seedRun} from '../helpers/seed-run.js';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {parseJobsConfig} from '../../src/config/load-jobs-config.js';
import {createLocalExecutor} from '../../src/executors/local-executor.js';
import {FileRunLogNames} from '../../src/host/run-log-names.js';
import {systemClock} from '../../src/scheduler/clock.js';
import {Scheduler} from '../../src/scheduler/scheduler.js';
import {createTradingCalendar} from '../../src/market/shipped-calendar.js';
import {Notifier} from '../../src/notify/notifier.js';
import {loadNotifySettings} from '../../src/notify/notify-settings.js';
import {HistoryStore} from '../../src/store/history-store.js';
import {SqliteNotificationStore} from '../../src/store/notification-store.js';
import {openDatabase} from '../../src/store/open-database.js';
import {resolvePaths} from '../../src/host/paths.js';
import {RobotServer} from '../helpers/robot-servers.js';
import {makeShippedRoot} from '../helpers/shipped-root.js';
import {MemoryLogger} from '../helpers/test-scheduler.js';
import type {TempRoot} from '../helpers/temp-root.js';

let robots: RobotServer;
let root: TempRoot;
beforeEach(async () => {
	robots = new RobotServer('SEC-digest-secret', 'pp-digest-token-1');
	const base = await robots.start();
	root = makeShippedRoot({insideProject: true});
	root.write('config/notify_config.json', JSON.stringify({channels: {pushplus: {url: `${base}/send`}}, delivery: {attempts: 1, backoff_ms: 10, timeout_ms: 2000}}));
	root.write('config/user_config.json', JSON.stringify({users: [
		{name: 'ops', pushplus_token: 'pp-digest-token-1', watched_stocks: ['600519.SH', '000001.SZ']},
		{name: 'analyst', pushplus_token: 'pp-digest-token-1', watched_stocks: ['300750.SZ']},
	]}));
});

afterEach(async () => {
	await robots.stop();
	root.remove();
});

describe('shipped digest jobs', () => {
	it('daily_digest pushes yesterday\'s runs and failures; watched_stocks_digest pushes each user their stocks', async () => {
		const paths = resolvePaths({root: root.dir});
		const config = parseJobsConfig(await import('node:fs').then(fs => fs.readFileSync(paths.configFile, 'utf8')), 'jobs.yaml', root.dir);
		const db = openDatabase(paths.dbFile);
		const store = new HistoryStore(db);
		const yesterday = Date.now() - 86_400_000;
		seedRun(store, {jobId: 'sync_daily_bars', trigger: 'schedule', status: 'success', scheduledAt: yesterday, durationMs: 1200, attempt: 1});
		seedRun(store, {jobId: 'refresh_quotes', trigger: 'schedule', status: 'failed', scheduledAt: yesterday, attempt: 1, error: {type: 'FeedError', message: 'quotes feed down'}});
		const executor = createLocalExecutor({root: root.dir, spareWorkers: 0});
		const scheduler = new Scheduler({config, history: store, executor, clock: systemClock, logger: new MemoryLogger(), calendar: createTradingCalendar(), paths, runLogs: new FileRunLogNames(paths.jobLogs, () => 'Asia/Shanghai'), info: {pid: process.pid, root: root.dir, version: 'test'}});
		const notifier = new Notifier(loadNotifySettings(paths.notifyConfigFile, paths.userConfigFile), new SqliteNotificationStore(db), new MemoryLogger());
		notifier.attach(scheduler);
		for (const jobId of ['daily_digest', 'sync_daily_bars', 'watched_stocks_digest']) {
			const submitted = scheduler.submit(jobId);
			const run = await scheduler.whenFinished(submitted.ok ? submitted.run.id : 0);
			expect(run?.status, `${jobId}: ${run?.error?.message}`).toBe('success');
		}

		await notifier.idle();
		const pushes = robots.of('/send').map(entry => entry.body as {title: string; content: string});
		const digest = pushes.find(push => push.title.startsWith('sage-console '));
		expect(digest?.title).toMatch(/^sage-console \d{4}-\d\d-\d\d: 2 runs, 1 failed$/);
		expect(digest?.content).toContain('<b>refresh_quotes</b> failed: FeedError quotes feed down');
		const watched = pushes.filter(push => push.title.startsWith('Watched stocks'));
		expect(watched).toHaveLength(2);
		expect(watched.map(push => push.content.includes('600519.SH') && push.content.includes('000001.SZ') ? 'ops' : (push.content.includes('300750.SZ') ? 'analyst' : '?')).sort()).toEqual(['analyst', 'ops']);
		await scheduler.stop();
		await executor.close();
		db.close();
	});
});
