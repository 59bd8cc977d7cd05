/**
 * The parts of one scheduling process, made and wired to each other: config, calendar, the history
 * database's stores, the executors, the scheduler, services, alerts, pings, the protocol's handler
 * and relay, and — only while it schedules — the socket, retention, checkpoints and the root guard.
 * Nothing here starts: SchedulerHost starts and stops the parts in their order.
 */
import path from 'node:path';
import {displayPath} from '../config/load-jobs-config.js';
import type {Executor} from '../executors/executor.js';
import {createProcessLogger, type ProcessLogger} from '../log/process-logger.js';
import type {Notifier} from '../notify/notifier.js';
import type {ResultOf} from '../protocol/messages.js';
import type {RequestHandler} from '../protocol/server-session.js';
import {systemClock, type Clock} from '../scheduler/clock.js';
import {Scheduler} from '../scheduler/scheduler.js';
import type {Supervisor} from '../supervisor/supervisor.js';
import {Checkpointer} from '../store/checkpointer.js';
import {HistoryStore} from '../store/history-store.js';
import {SqliteHeartbeatStore} from '../store/heartbeat-store.js';
import {SqliteNotificationStore} from '../store/notification-store.js';
import {RecordedRunLogNumbers} from '../store/recorded-run-log-numbers.js';
import {RunStatistics} from '../store/run-statistics.js';
import {ConfigWatcher} from './config-watcher.js';
import type {HistoryDatabase} from './database-restore.js';
import {EventRelay} from './event-relay.js';
import {createHostExecutors} from './host-executor.js';
import {CalendarFile, tellBrokenCalendar} from './calendar-file.js';
import {attachNotifier} from './host-notifier.js';
import {guardRoot} from './host-root-guard.js';
import {loadJobsAtStart} from './jobs-at-start.js';
import {alertRefusedJobsFile} from './jobs-file-alert.js';
import {GoodJobsKeeper, lastGoodJobsFile, lastGoodNoticeKey} from './last-good-jobs.js';
import {tellLastGoodJobs} from './last-good-notice.js';
import {superviseServices} from './host-supervisor.js';
import type {InstanceLock} from './instance-lock.js';
import {packageVersion} from './package-version.js';
import type {AppPaths} from './paths.js';
import {attachPingUrls} from './ping-urls.js';
import {NotifyFiles} from './open-notifier.js';
import {createRequestHandler} from './request-handler.js';
import type {RemotePart} from './remote-part.js';
import {RetentionSweeper} from './retention.js';
import type {RootGuard} from './root-guard.js';
import {queuedRunsOwnedHere} from './one-off-owner.js';
import {FileRunLogNames} from './run-log-names.js';
import {SettingsFiles} from './settings-files.js';
import {startOnlyChanges} from './start-only-settings.js';
import {SocketServer} from './socket-server.js';

/** `file` as a path from `root` when it is under it (a phone shows it beside the root), else as it is. */
function underRoot(file: string, root: string): string {
	const relative = path.relative(root, file);
	return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

export type HostOptions = {
	paths: AppPaths;
	/** Log to stdout too (headless). */
	logToStdout: boolean;
	/** Fire on schedule, hold the instance lock and serve the socket (false for a one-off foreground `run`). */
	schedules: boolean;
	clock?: Clock;
	executor?: Executor;
};

export type HostParts = {
	scheduler: Scheduler;
	logger: ProcessLogger;
	store: HistoryStore;
	handler: RequestHandler;
	relay: EventRelay;
	/** The services of jobs.yaml (src/supervisor), kept up in their windows. */
	supervisor: Supervisor;
	info: ResultOf<'hello'>;
	executor: Executor;
	/** Runs of `run_on: workers` jobs (src/remote, loaded once jobs.yaml has `redis:`); Redis is reached only when needed. */
	remote: RemotePart;
	watcher: ConfigWatcher;
	/** Sends nothing while no channel is configured. */
	notifier: Notifier;
	detachNotifier(): void;
	detachDeliveries: (() => void) | undefined;
	detachPings(): void;
	/** The rest are made only while the host schedules (not for a one-off `run`). */
	socket: SocketServer | undefined;
	sweeper: RetentionSweeper | undefined;
	/** Replaced when the database file is restored. */
	checkpointer: Checkpointer | undefined;
	guard: RootGuard | undefined;
};

/** @throws ConfigError (jobs.yaml) */
export function assembleHostParts(options: HostOptions, database: HistoryDatabase, lock: InstanceLock | undefined): HostParts {
	const {db} = database;
	const {paths} = options;
	const jobsAtStart = loadJobsAtStart(paths, options.schedules);
	const {config, text, warnings} = jobsAtStart;
	const calendarFile = new CalendarFile(paths.calendarFile);
	const {calendar, problems: calendarProblems, warnings: calendarWarnings} = calendarFile.load();
	// `time` in jobs.yaml's `timezone` (the scheduler's, once it runs: a reload may change it), as the README says.
	let zoneOfLines = () => config.timezone;
	const logger = createProcessLogger(paths.logs, {stdout: options.logToStdout, timeZone: () => zoneOfLines()});
	const store = database.use(new HistoryStore(db));
	const recordedNumbers = database.use(new RecordedRunLogNumbers(db));
	const {executor, remote} = createHostExecutors(paths, config, options.schedules, () => scheduler, options.executor);
	const info = {protocol: 1, pid: process.pid, startedAt: Date.now(), version: packageVersion(), root: paths.root};
	const scheduler: Scheduler = new Scheduler({
		config,
		// A one-off `run`'s queued runs name it, so a scheduler started beside it knows whose they are.
		history: options.schedules ? store : queuedRunsOwnedHere(store),
		executor,
		clock: options.clock ?? systemClock,
		logger,
		calendar,
		paths,
		runLogs: new FileRunLogNames(paths.jobLogs, () => scheduler.currentConfig.timezone, (day, at) => recordedNumbers.highestOn(day, at)),
		info,
		chains: options.schedules,
		// A one-off `run`'s retries end with it: the scheduler's next start must not run them.
		keepRetries: options.schedules,
		// Nor does it record jobs as first scheduled (or interval anchors): it fires none.
		remembersJobs: options.schedules,
		configWarnings: warnings,
		heartbeats: database.use(new SqliteHeartbeatStore(db, {schedules: options.schedules})),
	});
	zoneOfLines = () => scheduler.currentConfig.timezone;
	// Emitted before the reloaded jobs are armed: the import is under way when the first of them fires.
	scheduler.events.on('config-reloaded', () => {
		remote.need(scheduler.currentConfig);
	});
	const supervisor = superviseServices({
		paths, config, clock: options.clock ?? systemClock, calendar, store, scheduler,
		alert: (alert, service) => notifier.sendServiceAlert(alert, service),
	});
	if (calendarProblems) {
		tellBrokenCalendar(scheduler, calendarProblems);
	}

	for (const warning of calendarWarnings) {
		scheduler.say('warn', `calendar.yaml: ${warning}`);
	}

	let lastGoodInUse: string | undefined;
	if (jobsAtStart.broken) {
		lastGoodInUse = tellLastGoodJobs(scheduler, {file: displayPath(paths.configFile), ...jobsAtStart.broken}, {at: jobsAtStart.broken.lastGoodAt, timezone: config.timezone});
	}

	const watcher = new ConfigWatcher(paths.configFile, paths.root, scheduler, text);
	watcher.waitForFiles(jobsAtStart.broken?.missingFiles ?? []);
	let keeper: GoodJobsKeeper | undefined;
	if (options.schedules) {
		// Each jobs.yaml applied is kept as the last good list, which a start with a broken file goes on with.
		keeper = new GoodJobsKeeper(lastGoodJobsFile(paths), error => {
			scheduler.say('warn', `could not keep jobs.yaml as the last good job list: ${error.message}`);
		});
		if (jobsAtStart.broken) {
			keeper.runsOn({text: jobsAtStart.broken.lastGoodText, at: jobsAtStart.broken.lastGoodAt});
		} else if (text !== undefined) {
			keeper.remember(text);
		}

		watcher.onApplied(good => {
			scheduler.setNotice(lastGoodNoticeKey, undefined);
			keeper?.remember(good);
		});
	}

	const notifyFiles = new NotifyFiles(paths, logger, (key, text) => scheduler.setNotice(key, text));
	const {notifier, detach: detachAlerts} = attachNotifier(notifyFiles, database.use(new SqliteNotificationStore(db)), logger, scheduler);
	// A jobs.yaml refused (at this start or by an edit) reaches the phone, and so does the file applied again.
	const offJobsFileAlert = options.schedules
		? alertRefusedJobsFile(scheduler, notifier, {
			file: underRoot(paths.configFile, paths.root),
			root: paths.root,
			...(jobsAtStart.broken && lastGoodInUse ? {refusedAtStart: {problems: jobsAtStart.broken.problems, inUse: lastGoodInUse}} : {}),
		})
		: () => undefined;
	const detachNotifier = () => {
		detachAlerts();
		offJobsFileAlert();
	};
	const settingsFiles = new SettingsFiles(calendarFile, notifyFiles, scheduler, notifier);
	watcher.alsoOnChange(path.dirname(paths.calendarFile), () => {
		settingsFiles.apply().catch((error: unknown) => {
			scheduler.say('error', `could not read the files beside jobs.yaml again: ${(error as Error).message}`);
		});
	});
	// jobs.yaml's settings taken at start only: each reload that changed one says it applies at the next start.
	const startOnly = () => startOnlyChanges(config, scheduler.currentConfig);
	scheduler.events.on('config-reloaded', () => {
		for (const note of startOnly()) {
			scheduler.say('warn', note);
		}
	});
	const detachPings = attachPingUrls(scheduler, logger);
	const statistics = database.use(new RunStatistics(db));
	const relay = new EventRelay(scheduler);
	// Deliveries' outcomes reach protocol clients (the API's metrics) as an opt-in event.
	const detachDeliveries = notifier.onDelivery(result => relay.publish('alert-delivered', {channel: result.channel, outcome: result.status}));
	const handler = createRequestHandler({
		scheduler,
		relay,
		store,
		async reload() {
			const jobs = await watcher.apply(true);
			const settings = await settingsFiles.apply(true);
			return {...jobs, notes: [...settings.notes, ...startOnly()], settingsProblems: settings.problems};
		},
		notificationsFor: runId => notifier.notificationsFor(runId),
		info,
		jobsFile: {configFile: paths.configFile, root: paths.root},
		statistics: (since, until, jobId) => statistics.between(since, until, jobId),
		services: supervisor,
	});
	const parts: HostParts = {
		scheduler, logger, store, handler, relay, supervisor, info, executor, remote, watcher, notifier, detachNotifier, detachDeliveries, detachPings,
		socket: undefined, sweeper: undefined, checkpointer: undefined, guard: undefined,
	};
	if (options.schedules) {
		parts.checkpointer = new Checkpointer(paths.dbFile);
		parts.sweeper = new RetentionSweeper(store, paths, () => scheduler.currentConfig.retention, logger, async () => parts.checkpointer?.checkpointNow());
		parts.socket = new SocketServer(paths.socketFile, paths.dbFile, handler, relay, info, logger);
		parts.guard = guardRoot({
			paths, database, lock, socket: parts.socket, logger, scheduler,
			lastGoodJobs: keeper && {file: lastGoodJobsFile(paths), keeper},
			// The checkpoint thread's connection is on the deleted file: start it on the restored one.
			reopened: async () => {
				await parts.checkpointer?.close();
				parts.checkpointer = new Checkpointer(paths.dbFile);
			},
		});
	}

	return parts;
}
