import {ConfigError, formatProblem} from '../config/config-problem.js';
import {loadCalendarConfig} from '../config/load-calendar-config.js';
import {Notifier} from '../notify/notifier.js';
import {configuredChannels, loadNotifySettings, type NotifySettings} from '../notify/notify-settings.js';
import {SqliteNotificationStore} from '../store/notification-store.js';
import {loadJobsConfigWithText} from '../config/load-jobs-config.js';
import {Engine} from '../engine/engine.js';
import {systemClock, type Clock} from '../engine/ports.js';
import {runLogDay} from '../engine/run-log-name.js';
import {RunLogReserve} from '../log/run-log-reserve.js';
import {createProcessLogger, flushProcessLogger, type ProcessLogger} from '../log/process-logger.js';
import {createTradingCalendar} from '../market/shipped-calendar.js';
import type {TradingCalendar} from '../market/trading-calendar.js';
import {createJobRunner} from '../runner/job-runner.js';
import {collectYoungGarbage} from '../threads/young-garbage.js';
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
	/** The text of jobs.yaml the scheduler started with: a watcher applies any later edit of it. */
	configText: string;
	/** Undefined when notifications are not configured or their config is broken (then the header says so). */
	notifier?: Notifier;
	/** Stops the engine (cancelling or waiting for live runs), then releases everything. @default the config's `shutdown` */
	close(mode?: 'wait' | 'cancel'): Promise<void>;
};

export type SchedulerProcessOptions = {
	/** Take the one-scheduler-per-database lock (false for `run`, which schedules nothing). */
	schedules: boolean;
	logToStdout: boolean;
	clock?: Clock;
};

/**
 * Notifications from config/notify_config.json and config/user_config.json. A broken notification
 * config never stops the scheduler: its problems go to the log and the header, and runs go on.
 */
function openNotifier(paths: AppPaths, db: SqliteDatabase, logger: ProcessLogger, engine: Engine): Notifier | undefined {
	let settings: NotifySettings;
	try {
		settings = loadNotifySettings(paths.notifyConfigFile, paths.userConfigFile);
	} catch (error) {
		if (!(error instanceof ConfigError)) {
			throw error;
		}

		for (const problem of error.problems) {
			logger.error({}, `notifications off: ${formatProblem(problem)}`);
		}

		engine.setNotice('notify-config', `notifications off: ${formatProblem(error.problems[0]!)}${error.problems.length > 1 ? ` (+${error.problems.length - 1} more in the log)` : ''}`);
		return undefined;
	}

	for (const warning of settings.warnings) {
		logger.warn({}, warning);
		engine.setNotice(`notify-permissions-${warning}`, warning);
	}

	return configuredChannels(settings).length > 0 ? new Notifier(settings, new SqliteNotificationStore(db), logger) : undefined;
}

export function loadCalendar(paths: AppPaths): TradingCalendar {
	return createTradingCalendar(loadCalendarConfig(paths.calendarFile));
}

/** The composition of config, database, logger, runner and engine that every scheduling mode shares. */
export function openSchedulerProcess(paths: AppPaths, options: SchedulerProcessOptions): SchedulerProcess {
	const {config, text: configText} = loadJobsConfigWithText(paths.configFile, paths.root);
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
	// Run log files made in quiet moments, so a burst of starts does not also create a file each.
	const runLogs: RunLogReserve | undefined = options.schedules ? new RunLogReserve(paths.jobLogs, store, {today: (): string => runLogDay(Date.now(), engine.currentConfig.timezone)}) : undefined;
	const engine = new Engine({config, store, runner, clock: options.clock ?? systemClock, logger, calendar, paths, chains: options.schedules, runLogs, collectGarbage: () => collectYoungGarbage()});
	runLogs?.start();
	const checkpointer = options.schedules ? new Checkpointer(paths.dbFile) : undefined;
	const notifier = openNotifier(paths, db, logger, engine);
	const sweeper = options.schedules ? new RetentionSweeper(store, paths, () => engine.currentConfig.retention, logger, async () => checkpointer?.checkpointNow()) : undefined;
	sweeper?.start();
	const detachNotifier = notifier?.attach(engine);
	let closed: Promise<void> | undefined;
	return {
		engine,
		store,
		db,
		logger,
		calendar,
		configText,
		notifier,
		async close(mode) {
			closed ??= (async () => {
				sweeper?.stop();
				detachNotifier?.();
				const {shutdown} = engine.currentConfig;
				await engine.stop(mode ?? shutdown.mode, shutdown.graceMs);
				await runner.close();
				await runLogs?.close();
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
				flushProcessLogger(logger, true);
			})();
			return closed;
		},
	};
}
