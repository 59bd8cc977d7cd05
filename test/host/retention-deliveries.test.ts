/**
 * Retention deletes an old run's alert delivery records with the run: they stayed in the database
 * (one a channel and recipient for each alert) for as long as the box ran, though the run they told
 * of was gone. A real SQLite file.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {resolvePaths} from '../../src/host/paths.js';
import {RetentionSweeper} from '../../src/host/retention.js';
import {HistoryStore} from '../../src/store/history-store.js';
import {SqliteNotificationStore} from '../../src/store/notification-store.js';
import {openDatabase} from '../../src/store/open-database.js';
import {seedRun} from '../helpers/seed-run.js';
import {MemoryLogger} from '../helpers/test-scheduler.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';

let root: TempRoot | undefined;
afterEach(() => {
	root?.remove();
	root = undefined;
});

const day = 86_400_000;

describe('retention and alert deliveries', () => {
	it('deletes the deliveries of the runs it deletes and keeps those of the runs it keeps', async () => {
		root = makeTempRoot();
		const paths = resolvePaths({root: root.dir});
		const db = openDatabase(paths.dbFile);
		const store = new HistoryStore(db);
		const deliveries = new SqliteNotificationStore(db);
		const now = Date.parse('2026-12-08T03:00:00+08:00');
		const runAt = (daysAgo: number) => {
			const run = seedRun(store, {jobId: 'sync_daily_bars', trigger: 'schedule', status: 'failed', scheduledAt: now - (daysAgo * day), attempt: 1});
			for (const channel of ['pushplus', 'dingtalk'] as const) {
				deliveries.insertNotification({runId: run.id, jobId: run.jobId, kind: 'failure', channel, recipient: 'ops', status: 'sent', attempts: 1, createdAt: run.scheduledAt});
			}

			return run.id;
		};

		const old = [200, 120, 95].map(daysAgo => runAt(daysAgo));
		const kept = [30, 1].map(daysAgo => runAt(daysAgo));

		const sweeper = new RetentionSweeper(store, paths, () => ({runDays: 90, logDays: 30}), new MemoryLogger());
		const removed = await sweeper.sweep(now);
		sweeper.stop();

		expect(removed.runs).toBe(3);
		expect(old.flatMap(id => deliveries.notificationsForRun(id))).toEqual([]);
		expect(kept.map(id => deliveries.notificationsForRun(id).length)).toEqual([2, 2]);
		expect((db.prepare('SELECT COUNT(*) AS n FROM notifications').get() as {n: number}).n).toBe(4);
		db.close();
	});

	it('deletes the deliveries of no run (heartbeat, deadline, notify test) by the same age as runs', async () => {
		root = makeTempRoot();
		const paths = resolvePaths({root: root.dir});
		const db = openDatabase(paths.dbFile);
		const store = new HistoryStore(db);
		const deliveries = new SqliteNotificationStore(db);
		const now = Date.parse('2026-12-08T03:00:00+08:00');
		const alertAt = (daysAgo: number, kind: 'alert' | 'recovery' | 'test', jobId?: string) => {
			deliveries.insertNotification({jobId, kind, channel: 'dingtalk', recipient: 'ops', status: 'sent', attempts: 1, createdAt: now - (daysAgo * day)});
		};

		// A heartbeat or deadline alert of a job every day for 200 days, and `notify test` now and then
		for (let daysAgo = 200; daysAgo >= 1; daysAgo--) {
			alertAt(daysAgo, 'alert', 'sync_daily_bars');
			alertAt(daysAgo, 'recovery', 'sync_daily_bars');
		}

		for (const daysAgo of [150, 91, 89, 2]) {
			alertAt(daysAgo, 'test');
		}

		// And a run's deliveries, kept with its run
		const run = seedRun(store, {jobId: 'sync_daily_bars', trigger: 'schedule', status: 'failed', scheduledAt: now - (120 * day), attempt: 1});
		deliveries.insertNotification({runId: run.id, jobId: run.jobId, kind: 'failure', channel: 'dingtalk', recipient: 'ops', status: 'sent', attempts: 1, createdAt: now - day});

		const sweeper = new RetentionSweeper(store, paths, () => ({runDays: 90, logDays: 30}), new MemoryLogger());
		const removed = await sweeper.sweep(now);
		sweeper.stop();

		const left = db.prepare('SELECT kind, created_at AS createdAt FROM notifications WHERE run_id IS NULL').all() as Array<{kind: string; createdAt: number}>;
		expect(left.every(row => row.createdAt >= now - (90 * day))).toBe(true);
		expect(left.filter(row => row.kind !== 'test')).toHaveLength(2 * 90);
		expect(left.filter(row => row.kind === 'test')).toHaveLength(2);
		expect(removed.deliveries).toBe((2 * 110) + 2);
		expect(removed.runs).toBe(1);
		expect((db.prepare('SELECT COUNT(*) AS n FROM notifications WHERE run_id IS NOT NULL').get() as {n: number}).n).toBe(0);
		db.close();
	});
});
