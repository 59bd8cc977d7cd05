/**
 * One scheduling process's parts, put together: config, calendar, the instance lock, the history
 * database, the executor, the scheduler, alerts, retention, the config watcher, and the protocol —
 * served to other processes on the unix socket and to an in-process console through `connect()`.
 * The same whether it runs on the console's scheduler thread or as `--headless`.
 */
import path from 'node:path';
import {loadJobsConfigWithText} from '../config/load-jobs-config.js';
import type {Executor} from '../executors/executor.js';
import {createLocalExecutor} from '../executors/local-executor.js';
import {endLeftoverProcesses} from '../executors/leftover-processes.js';
import type {RemoteExecutor} from '../remote/remote-executor.js';
import {createRoutedExecutor} from '../remote/routed-executor.js';
import {remoteExecutorFor} from '../remote/scheduler-remote.js';
import {createProcessLogger, flushProcessLogger, type ProcessLogger} from '../log/process-logger.js';
import type {TradingCalendar} from '../market/trading-calendar.js';
import type {Notifier} from '../notify/notifier.js';
import type {ResultOf} from '../protocol/messages.js';
import {serveSession, type RequestHandler} from '../protocol/server-session.js';
import type {Transport} from '../protocol/transport.js';
import {systemClock, type Clock} from '../scheduler/clock.js';
import {Scheduler} from '../scheduler/scheduler.js';
import {Supervisor} from '../supervisor/supervisor.js';
import {Checkpointer} from '../store/checkpointer.js';
import {HistoryStore} from '../store/history-store.js';
import {openDatabase} from '../store/open-database.js';
import {SqliteNotificationStore} from '../store/notification-store.js';
import {SqliteHeartbeatStore} from '../store/heartbeat-store.js';
import {RunStatistics} from '../store/run-statistics.js';
import {RecordedRunLogNumbers} from '../store/recorded-run-log-numbers.js';
import {startApi, type RunningApi} from './http-api.js';
import {attachPingUrls} from './ping-urls.js';
import {ConfigWatcher} from './config-watcher.js';
import {HistoryDatabase} from './database-restore.js';
import {RootGuard} from './root-guard.js';
import {processLogFile} from '../log/process-logger.js';
import {EventRelay} from './event-relay.js';
import {InstanceLock, SchedulerRunningError} from './instance-lock.js';
import {loadCalendar} from './load-calendar.js';
import {openNotifier} from './open-notifier.js';
import type {AppPaths} from './paths.js';
import {createRequestHandler} from './request-handler.js';
import {RetentionSweeper} from './retention.js';
import {FileRunLogNames} from './run-log-names.js';
import {SocketServer, socketAnswers} from './socket-server.js';
import {packageVersion} from './package-version.js';

/** How long a stopping scheduler lets queued alerts go out before it records them as not sent. */
const notifyGraceMs = 5000;

export type HostOptions = {
	paths: AppPaths;
	/** Log to stdout too (headless). */
	logToStdout: boolean;
	/** Fire on schedule, hold the instance lock and serve the socket (false for a one-off foreground `run`). */
	schedules: boolean;
	clock?: Clock;
	executor?: Executor;
};

export class SchedulerHost {
	readonly scheduler: Scheduler;
	readonly logger: ProcessLogger;
	readonly store: HistoryStore;
	readonly calendar: TradingCalendar;
	readonly handler: RequestHandler;
	readonly relay: EventRelay;
	/** The services of jobs.yaml (src/supervisor), kept up in their windows. */
	readonly supervisor: Supervisor;
	readonly info: ResultOf<'hello'>;
	private readonly notifier: Notifier | undefined;
	private readonly watcher: ConfigWatcher;
	private readonly socket: SocketServer | undefined;
	private readonly sweeper: RetentionSweeper | undefined;
	private checkpointer: Checkpointer | undefined;
	private readonly guard: RootGuard | undefined;
	private readonly executor: Executor;
	/** Runs of `run_on: workers` jobs (src/remote); Redis is reached only when needed. */
	private readonly remote: RemoteExecutor;
	private closing: Promise<void> | undefined;
	private readonly detachNotifier: (() => void) | undefined;
	private readonly detachDeliveries: (() => void) | undefined;
	private readonly detachPings: () => void;
	private api: RunningApi | undefined;

	private constructor(private readonly options: HostOptions, private readonly database: HistoryDatabase, private readonly lock: InstanceLock | undefined) {
		const {db} = database;
		const {paths} = options;
		const {config, text, warnings} = loadJobsConfigWithText(paths.configFile, paths.root);
		this.calendar = loadCalendar(paths);
		this.logger = createProcessLogger(paths.logs, {stdout: options.logToStdout});
		this.store = database.use(new HistoryStore(db));
		const recordedNumbers = database.use(new RecordedRunLogNumbers(db));
		this.remote = remoteExecutorFor(() => this.scheduler, paths, options.schedules);
		this.executor = createRoutedExecutor(
			options.executor ?? createLocalExecutor({root: paths.root, spareWorkers: options.schedules ? config.warmWorkers : 0, maxIdleWorkers: config.idleWorkers}),
			this.remote,
			jobId => this.scheduler.job(jobId)?.runOn === 'workers',
		);
		this.info = {protocol: 1, pid: process.pid, version: packageVersion(), root: paths.root};
		this.scheduler = new Scheduler({
			config,
			history: this.store,
			executor: this.executor,
			clock: options.clock ?? systemClock,
			logger: this.logger,
			calendar: this.calendar,
			paths,
			runLogs: new FileRunLogNames(paths.jobLogs, () => this.scheduler.currentConfig.timezone, (day, at) => recordedNumbers.highestOn(day, at)),
			info: this.info,
			chains: options.schedules,
			configWarnings: warnings,
			heartbeats: database.use(new SqliteHeartbeatStore(db)),
		});
		this.supervisor = new Supervisor({
			clock: options.clock ?? systemClock,
			calendar: this.calendar,
			recorder: this.scheduler.serviceRecorder,
			history: this.store,
			logsDir: path.join(paths.logs, 'services'),
			timezone: config.timezone,
			say: (level, msg, fields) => this.scheduler.say(level, msg, fields),
			changed: () => this.scheduler.servicesChanged(),
			runStarted: record => this.scheduler.serviceRunStarted(record),
			runEnded: record => this.scheduler.serviceRunEnded(record),
			alert: (alert, service) => this.notifier?.sendServiceAlert(alert, service),
			self: `scheduler pid ${process.pid}`,
			root: paths.root,
			writeNow: () => void this.scheduler.historyWritten(1000),
		}, config.services ?? []);
		this.scheduler.showServices(() => this.supervisor.snapshot());
		this.scheduler.events.on('config-reloaded', () => this.supervisor.reload(this.scheduler.currentConfig.services ?? []));
		this.watcher = new ConfigWatcher(paths.configFile, paths.root, this.scheduler, text);
		this.notifier = openNotifier(paths, database.use(new SqliteNotificationStore(db)), this.logger, (key, notice) => this.scheduler.setNotice(key, notice));
		this.detachNotifier = this.notifier?.attach(this.scheduler) ?? this.scheduler.events.on('job-notify', ({jobId, runId, title}) => {
			// Nowhere to send it: said where the operator looks, not dropped in silence.
			this.scheduler.say('warn', `${jobId} asked to notify "${title}", but no notification channel is configured (config/notify_config.json): not sent`, {jobId, runId});
		});
		this.detachPings = attachPingUrls(this.scheduler, this.logger);
		const statistics = database.use(new RunStatistics(db));
		this.relay = new EventRelay(this.scheduler);
		// Deliveries' outcomes reach protocol clients (the API's metrics) as an opt-in event.
		this.detachDeliveries = this.notifier?.onDelivery(result => this.relay.publish('alert-delivered', {channel: result.channel, outcome: result.status}));
		this.handler = createRequestHandler({
			scheduler: this.scheduler,
			relay: this.relay,
			store: this.store,
			reload: () => this.watcher.apply(true),
			notificationsFor: runId => this.notifier?.notificationsFor(runId) ?? [],
			info: this.info,
			jobsFile: {configFile: paths.configFile, root: paths.root},
			statistics: (since, until, jobId) => statistics.between(since, until, jobId),
			services: this.supervisor,
		});
		if (options.schedules) {
			this.checkpointer = new Checkpointer(paths.dbFile);
			this.sweeper = new RetentionSweeper(this.store, paths, () => this.scheduler.currentConfig.retention, this.logger, async () => this.checkpointer?.checkpointNow());
			this.socket = new SocketServer(paths.socketFile, paths.dbFile, this.handler, this.relay, this.info);
			this.guard = new RootGuard({
				dbFile: paths.dbFile,
				socketFile: paths.socketFile,
				dbInode: () => database.openInode,
				restoreDatabase: async () => {
					await database.restore();
					// The checkpoint thread's connection is on the deleted file: start it on the restored one.
					await this.checkpointer?.close();
					this.checkpointer = new Checkpointer(paths.dbFile);
				},
				lock: this.lock,
				relisten: async () => this.socket?.relisten(),
				logFile: processLogFile(this.logger),
				say: (level, message) => this.scheduler.say(level, message),
				setNotice: (key, text) => this.scheduler.setNotice(key, text),
			});
		}
	}

	/**
	 * Opens everything a scheduler needs; nothing fires until start().
	 * @throws ConfigError, DatabaseError, SchedulerRunningError
	 */
	static open(options: HostOptions): SchedulerHost {
		const lock = options.schedules ? new InstanceLock(options.paths.lockFile) : undefined;
		const db = openDatabase(options.paths.dbFile);
		try {
			lock?.acquire();
			// The scheduler never waits for a lock another process holds: its writes wait in order instead.
			db.pragma('busy_timeout = 0');
			return new SchedulerHost(options, new HistoryDatabase(db, options.paths.dbFile), lock);
		} catch (error) {
			lock?.release();
			db.close();
			throw error;
		}
	}

	/**
	 * Ends the processes of runs a dead scheduler left running (never a reused pid), so no job runs
	 * twice, then fires, watches the config and serves clients.
	 */
	async start(): Promise<void> {
		// A scheduler whose lock file was deleted still answers on its socket: its runs are not this one's to end.
		if (this.socket && await socketAnswers(this.socket.socketPath)) {
			throw new SchedulerRunningError(undefined, this.options.paths.lockFile);
		}

		const left = this.options.schedules ? this.store.abandonedRuns() : [];
		// A service's process outlives a scheduler killed with -9: adopted (or stopped) before anything starts, never run twice.
		for (const line of await this.supervisor.adopt(left.filter(run => run.trigger === 'service'))) {
			this.logger.warn({}, `service left running by a previous scheduler: ${line}`);
		}

		const abandoned = left.filter(run => run.trigger !== 'service');
		const notes = new Map<number, string>();
		const withProcess = abandoned.filter(run => run.process);
		if (withProcess.length > 0) {
			const outcomes = await endLeftoverProcesses(withProcess.map(run => run.process!));
			for (const [index, run] of withProcess.entries()) {
				notes.set(run.id, outcomes[index]!);
				this.logger.warn({jobId: run.jobId, runId: run.id, process: run.process}, `run ${run.id} of ${run.jobId} was left running by a previous scheduler: ${outcomes[index]!}`);
			}
		}

		// Runs a dead scheduler left on the workers go on there: re-attached, not interrupted.
		await this.remote.prepareAdoption(abandoned);
		this.scheduler.start(abandoned, notes, (run, job) => this.remote.adoptRun(run, job));
		if (this.options.schedules) {
			this.remote.watch();
		}

		if (this.options.schedules) {
			this.supervisor.start();
		}
		if (this.options.schedules) {
			void this.watcher.start();
			this.sweeper?.start();
			await this.socket?.listen();
			// On a thread of its own, a protocol client like the console: it never holds up a fire.
			this.api = await startApi({
				settings: this.scheduler.currentConfig.http, listenOverride: process.env.SAGE_HTTP, root: this.options.paths.root,
				serve: transport => this.serve(transport), logger: this.logger, setNotice: (key, text) => this.scheduler.setNotice(key, text),
			});
			this.guard?.start();
		}
	}

	/** Where the HTTP API listens (`http://host:port`), when it is on. */
	get apiUrl(): string | undefined {
		return this.api?.url;
	}

	/** The HTTP API's thread, when it is on (tests and the bench end it to see the scheduler run on). */
	get apiThread(): RunningApi['thread'] {
		return this.api?.thread;
	}

	/** A client in this process (the console on the main thread, or a test): the protocol over `transport`. */
	serve(transport: Transport): void {
		serveSession(transport, this.handler, this.relay, this.info);
	}

	/** Stops firing, ends or waits for live runs (the config's `shutdown` unless `mode`), and releases everything. */
	async close(mode?: 'wait' | 'cancel'): Promise<void> {
		if (this.closing) {
			// Asked again while waiting for live runs: cancel them now.
			if (mode === 'cancel') {
				void this.scheduler.stop('cancel');
			}

			return this.closing;
		}

		this.closing = this.closeNow(mode);
		return this.closing;
	}

	private async closeNow(mode?: 'wait' | 'cancel'): Promise<void> {
		const {shutdown} = this.scheduler.currentConfig;
		// API clients (SSE followers, log followers) are let go first: nothing new reaches a stopping scheduler.
		await this.api?.close();
		this.detachPings();
		this.guard?.stop();
		this.watcher.stop();
		this.sweeper?.stop();
		// Services first, with their stop signal and timeout: their runs' ends are written with the scheduler's last writes.
		await this.supervisor.close();
		await this.scheduler.stop(mode ?? shutdown.mode, shutdown.graceMs);
		this.relay.stop();
		this.detachDeliveries?.();
		this.detachNotifier?.();
		// The last alerts (a run failed just before the stop) get a few seconds to reach the phone.
		await this.notifier?.close(notifyGraceMs);
		await this.socket?.close();
		await this.executor.close();
		await this.checkpointer?.close();
		try {
			this.database.close();
		} catch (error) {
			this.logger.error({err: error}, 'could not close the history database cleanly');
		}

		this.lock?.release();
		flushProcessLogger(this.logger, true);
	}
}
