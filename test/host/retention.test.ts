import {seedRun} from '../helpers/seed-run.js';
import {existsSync, mkdirSync, statSync, utimesSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {resolvePaths} from '../../src/host/paths.js';
import {RetentionSweeper} from '../../src/host/retention.js';
import {Checkpointer} from '../../src/store/checkpointer.js';
import {HistoryStore} from '../../src/store/history-store.js';
import {openDatabase} from '../../src/store/open-database.js';
import {MemoryLogger} from '../helpers/test-scheduler.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';

let root: TempRoot | undefined;
afterEach(() => {
	root?.remove();
});

describe('retention', () => {
	it('deletes finished runs older than runs_days and run logs older than logs_days, keeping the rest', async () => {
		root = makeTempRoot();
		const paths = resolvePaths({root: root.dir});
		const db = openDatabase(paths.dbFile);
		const store = new HistoryStore(db);
		const now = Date.parse('2026-11-20T12:00:00Z');
		const day = 86_400_000;
		for (let i = 0; i < 1200; i++) {
			seedRun(store, {jobId: 'a', trigger: 'schedule', status: 'success', scheduledAt: now - ((i % 200) * day), attempt: 1});
		}

		const running = seedRun(store, {jobId: 'a', trigger: 'schedule', status: 'running', scheduledAt: now - (300 * day), attempt: 1});
		mkdirSync(paths.jobLogs, {recursive: true});
		const oldLog = path.join(paths.jobLogs, '20260101_001.log');
		const newLog = path.join(paths.jobLogs, '20261119_001.log');
		writeFileSync(oldLog, '{}\n');
		writeFileSync(newLog, '{}\n');
		utimesSync(oldLog, new Date(now - (40 * day)), new Date(now - (40 * day)));
		utimesSync(newLog, new Date(now - day), new Date(now - day));
		const sweeper = new RetentionSweeper(store, paths, () => ({runDays: 90, logDays: 30}), new MemoryLogger());
		const removed = await sweeper.sweep(now);
		sweeper.stop();
		const left = store.query({limit: 5000});
		expect(removed.runs).toBe(1200 - (91 * 6));
		expect(left.every(run => run.scheduledAt >= now - (90 * day) || run.id === running.id)).toBe(true);
		expect(left.some(run => run.id === running.id)).toBe(true);
		expect(removed.logs).toBe(1);
		expect(existsSync(oldLog)).toBe(false);
		expect(existsSync(newLog)).toBe(true);
		db.close();
	});

	it('keeps the WAL small through a long prune by checkpointing between batches, off the scheduler thread', async () => {
		const walAfterPrune = async (withCheckpoints: boolean) => {
			const dir = makeTempRoot();
			const paths = resolvePaths({root: dir.dir});
			const db = openDatabase(paths.dbFile);
			const store = new HistoryStore(db);
			const now = Date.parse('2026-11-20T12:00:00Z');
			db.transaction(() => {
				for (let i = 0; i < 20_000; i++) {
					seedRun(store, {jobId: `job_${i % 30}`, trigger: 'schedule', status: 'success', scheduledAt: now - ((400 + (i % 300)) * 86_400_000), attempt: 1, message: 'done'});
				}
			})();
			const checkpointer = new Checkpointer(paths.dbFile, {intervalMs: 3_600_000});
			await checkpointer.checkpointNow();
			const sweeper = new RetentionSweeper(store, paths, () => ({runDays: 365, logDays: 365}), new MemoryLogger(), withCheckpoints ? async () => checkpointer.checkpointNow() : undefined);
			const removed = await sweeper.sweep(now);
			sweeper.stop();
			await checkpointer.close();
			const walBytes = statSync(`${paths.dbFile}-wal`).size;
			const left = store.query({limit: 10});
			db.close();
			dir.remove();
			return {removed: removed.runs, left: left.length, walBytes};
		};

		const unmanaged = await walAfterPrune(false);
		const managed = await walAfterPrune(true);
		expect(managed).toMatchObject({removed: 20_000, left: 0});
		expect(unmanaged.removed).toBe(20_000);
		// The WAL file keeps its largest extent: with checkpoints it never held more than a few batches.
		expect(managed.walBytes).toBeLessThan(unmanaged.walBytes / 4);
	});
});
