import {loadCalendarConfig} from '../config/load-calendar-config.js';
import {loadJobsConfig} from '../config/load-jobs-config.js';
import {Engine} from '../engine/engine.js';
import {systemClock, type Clock} from '../engine/ports.js';
import {createProcessLogger, flushProcessLogger, type ProcessLogger} from '../log/process-logger.js';
import {createTradingCalendar} from '../market/shipped-calendar.js';
import type {TradingCalendar} from '../market/trading-calendar.js';
import {createJobRunner} from '../runner/job-runner.js';
import {Checkpointer} from '../store/checkpointer.js';
import {HistoryStore} from '../store/history-store.js';
import {openDatabase, type SqliteDatabase} from '../store/open-database.js';
import {acquireSchedulerLock, releaseSchedulerLock} from '../store/scheduler-lock.js';
import type {AppPaths} from './paths.js';
import {RetentionSweeper} from './retention.js';

export type SchedulerProcess = {
	engine: Engine;
	store: HistoryStore;
	db: SqliteDatabase;
	logger: ProcessLogger;
	calendar: TradingCalendar;
	/** Stops the engine (cancelling or waiting for live runs), then releases everything. @default the config's `shutdown` */
	close(mode?: 'wait' | 'cancel'): Promise<void>;
};

export type SchedulerProcessOptions = {
	/** Take the one-scheduler-per-database lock (false for `run`, which schedules nothing). */
	schedules: boolean;
	logToStdout: boolean;
	clock?: Clock;
};

export function loadCalendar(paths: AppPaths): TradingCalendar {
	return createTradingCalendar(loadCalendarConfig(paths.calendarFile));
}

/** The composition of config, database, logger, runner and engine that every scheduling mode shares. */
export function openSchedulerProcess(paths: AppPaths, options: SchedulerProcessOptions): SchedulerProcess {
	const config = loadJobsConfig(paths.configFile, paths.root);
	const calendar = loadCalendar(paths);
	const db = openDatabase(paths.dbFile);
	let lockHeld = false;
	try {
		if (options.schedules) {
			acquireSchedulerLock(db, paths.dbFile);
			lockHeld = true;
		}
	} catch (error) {
		db.close();
		throw error;
	}

	const logger = createProcessLogger(paths.logs, {stdout: options.logToStdout});
	const store = new HistoryStore(db);
	const runner = createJobRunner({warmWorkers: options.schedules ? config.warmWorkers : 0});
	const engine = new Engine({config, store, runner, clock: options.clock ?? systemClock, logger, calendar, paths, chains: options.schedules});
	const checkpointer = options.schedules ? new Checkpointer(paths.dbFile) : undefined;
	const sweeper = options.schedules ? new RetentionSweeper(store, paths, () => engine.currentConfig.retention, logger) : undefined;
	sweeper?.start();
	let closed: Promise<void> | undefined;
	return {
		engine,
		store,
		db,
		logger,
		calendar,
		async close(mode) {
			closed ??= (async () => {
				sweeper?.stop();
				const {shutdown} = engine.currentConfig;
				await engine.stop(mode ?? shutdown.mode, shutdown.graceMs);
				await runner.close();
				await checkpointer?.close();
				try {
					if (lockHeld) {
						releaseSchedulerLock(db);
					}

					db.close();
				} catch (error) {
					// A full disk at exit: the lock is stale and is taken over at the next start; history is intact.
					logger.error({err: error}, 'could not release the scheduler lock cleanly');
				}
				flushProcessLogger(logger);
			})();
			return closed;
		},
	};
}
