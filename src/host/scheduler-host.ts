/**
 * One scheduling process, started and stopped: its parts (host-parts.ts) served to other processes on
 * the unix socket and the HTTP API, and to an in-process console through `serve()`. The same whether
 * it runs on the console's scheduler thread or as `--headless`.
 */
import {flushProcessLogger, type ProcessLogger} from '../log/process-logger.js';
import type {ResultOf} from '../protocol/messages.js';
import {metricEvents} from '../metrics/metric-sources.js';
import {serveSession, type EventSource, type RequestHandler} from '../protocol/server-session.js';
import type {Transport} from '../protocol/transport.js';
import type {Scheduler} from '../scheduler/scheduler.js';
import type {Supervisor} from '../supervisor/supervisor.js';
import type {HistoryStore} from '../store/history-store.js';
import {forgetOlderSchedulerRow} from '../store/older-scheduler-row.js';
import {openDatabase} from '../store/open-database.js';
import {HistoryDatabase} from './database-restore.js';
import {EarlyEvents} from './early-events.js';
import type {EventRelay} from './event-relay.js';
import {assembleHostParts, type HostOptions, type HostParts} from './host-parts.js';
import {startApi, type RunningApi} from './http-api.js';
import {InstanceLock, SchedulerRunningError} from './instance-lock.js';
import {refuseStartWithoutProject} from './no-project-start.js';
import {refuseOlderScheduler} from './older-scheduler-lock.js';
import {takeOverLeftRuns} from './left-runs-at-start.js';
import {closeLeftDeliveries} from './left-deliveries-at-start.js';
import {SqliteNotificationStore} from '../store/notification-store.js';
import {OneOffRunsWatch} from './one-off-runs-watch.js';
import {callSchedulerBeacon, SchedulerBeacon} from './scheduler-beacon.js';
import {SchedulerLifeRecord} from './scheduler-life.js';
import {writableByOthersWarning} from './writable-by-others.js';
import {socketAnswers} from './socket-server.js';
import {stopClosingLine} from './stop-closing.js';

/** How long a stopping scheduler lets queued alerts go out before it records them as not sent. */
const notifyGraceMs = 5000;

export class SchedulerHost {
	readonly scheduler: Scheduler;
	readonly logger: ProcessLogger;
	readonly store: HistoryStore;
	readonly handler: RequestHandler;
	readonly relay: EventRelay;
	/** The services of jobs.yaml (src/supervisor), kept up in their windows. */
	readonly supervisor: Supervisor;
	readonly info: ResultOf<'hello'>;
	private readonly parts: HostParts;
	/** Closes the runs of one-off `sage-console run`s that died beside this scheduler. */
	private readonly oneOffRuns: OneOffRunsWatch;
	/** Tells the operator when the scheduler before this one died (none for a one-off `run`). */
	private readonly life: SchedulerLifeRecord | undefined;
	private starting: Promise<void> | undefined;
	private closing: Promise<void> | undefined;
	/** What asked for the stop (`SIGTERM`), when known; and whether live runs were cancelled at a second ask. */
	private stopCause: string | undefined;
	private cancelledAtStop = false;
	private api: RunningApi | undefined;
	/** Held while this host schedules: the root stays claimed with its lock and socket files deleted. */
	private beacon: SchedulerBeacon | undefined;
	/** Whether a call on the beacon mends the root's files (only once the guard is started). */
	private guarding = false;

	private constructor(private readonly options: HostOptions, private readonly database: HistoryDatabase, private readonly lock: InstanceLock | undefined) {
		this.parts = assembleHostParts(options, database, lock);
		({scheduler: this.scheduler, logger: this.logger, store: this.store, handler: this.handler, relay: this.relay, supervisor: this.supervisor, info: this.info} = this.parts);
		this.oneOffRuns = new OneOffRunsWatch(this.store, this.scheduler, this.logger);
		this.life = options.schedules ? new SchedulerLifeRecord({database, scheduler: this.scheduler, notifier: this.parts.notifier, logger: this.logger, root: options.paths.root}) : undefined;
	}

	/**
	 * Refuses a start on a root a scheduler runs although its lock and socket files are gone (`git clean
	 * -xfd`, `rm -rf data`): that scheduler, called on its beacon, writes them again and answers its pid.
	 * Before open(), which would otherwise make an empty database in place of the deleted one.
	 * @throws SchedulerRunningError
	 */
	static async refuseIfRunning(paths: HostOptions['paths']): Promise<void> {
		const holder = await callSchedulerBeacon(paths.socketFile);
		if (holder) {
			throw new SchedulerRunningError(holder.pid, paths.lockFile);
		}
	}

	/**
	 * Opens everything a scheduler needs; nothing fires until start().
	 * @throws ConfigError, DatabaseError, SchedulerRunningError
	 */
	static open(options: HostOptions): SchedulerHost {
		refuseStartWithoutProject(options.paths);
		const lock = options.schedules ? new InstanceLock(options.paths.lockFile) : undefined;
		if (lock) {
			refuseOlderScheduler(options.paths.dbFile, options.paths.lockFile);
		}

		const db = openDatabase(options.paths.dbFile);
		try {
			lock?.acquire();
			if (lock) {
				forgetOlderSchedulerRow(db);
			}

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
	 * twice, then fires, watches the config and serves clients. A close() asked for meanwhile (a signal
	 * just after the start) ends it where it is: nothing fires, and the close lets go of what it started.
	 */
	async start(): Promise<void> {
		this.starting = this.startParts();
		return this.starting;
	}

	/** Whether a close() was asked for (the start then goes no further). */
	get stopping(): boolean {
		return this.closing !== undefined;
	}

	private async startParts(): Promise<void> {
		const {socket, remote, supervisor, watcher, sweeper, guard} = this.parts;
		// A scheduler whose lock file was deleted still answers on its socket: its runs are not this one's to end.
		if (socket && await socketAnswers(socket.socketPath)) {
			throw new SchedulerRunningError(undefined, this.options.paths.lockFile);
		}

		if (socket) {
			// Before anything of a dead scheduler's is ended: a live one's runs are not this one's to end.
			// A beacon refused for another cause than a holder (a confinement that forbids abstract sockets)
			// leaves the root to its lock and socket files, as on systems without abstract sockets: told, not fatal.
			const beacon = await SchedulerBeacon.hold(socket.socketPath, async () => (this.guarding ? guard?.check() : undefined)).catch((error: unknown) => {
				this.logger.warn({err: error}, 'could not hold the scheduler\'s beacon (an abstract unix socket): the lock and socket files alone guard this root, so a second scheduler started while data/ is removed would not be refused');
				return undefined;
			});
			if (beacon === 'held-elsewhere') {
				throw new SchedulerRunningError((await callSchedulerBeacon(socket.socketPath))?.pid, this.options.paths.lockFile);
			}

			this.beacon = beacon;
		}

		if (this.stopping) {
			return;
		}

		// A service run the adoption closes interrupted (its process gone) is told with the jobs' the start closes.
		this.life?.watchLeftRuns();
		if (this.options.schedules) {
			// Deliveries a killed process left 'pending' (its process gone; a live one-off's are its own) are closed as failed.
			closeLeftDeliveries(new SqliteNotificationStore(this.database.db), this.logger);
		}

		const {abandoned, notes, oneOffs} = await takeOverLeftRuns(this.store, supervisor, remote, this.logger, this.options.schedules, this.options.paths.root);
		if (this.stopping) {
			// Their processes are ended; their rows are closed as interrupted by the next start.
			return;
		}

		// What the API's metrics count, kept from here until its thread subscribes: runs the start closes as
		// interrupted, fires found missed, the first runs' ends and the first alerts' deliveries.
		const early = this.options.schedules ? new EarlyEvents(this.relay, metricEvents) : undefined;
		const startScheduler = () => this.scheduler.start(abandoned, notes, (run, job) => remote.adoptRun(run, job));
		if (this.life) {
			this.life.begin(startScheduler);
		} else {
			startScheduler();
		}

		if (this.options.schedules) {
			this.oneOffRuns.start(oneOffs);
			remote.watch();
			supervisor.start();
			void watcher.start();
			sweeper?.start();
			await socket?.listen();
			if (this.stopping) {
				return;
			}

			const openToOthers = writableByOthersWarning(this.options.paths);
			if (openToOthers !== undefined) {
				// Logged as a notice is.
				this.scheduler.setNotice('writable-by-others', openToOthers);
			}

			// On a thread of its own, a protocol client like the console: it never holds up a fire.
			this.api = await startApi({
				settings: this.scheduler.currentConfig.http, listenOverride: process.env.SAGE_HTTP, root: this.options.paths.root,
				serve: transport => this.serve(transport, early?.source), logger: this.logger, setNotice: (key, text) => this.scheduler.setNotice(key, text),
			});
			// Listening, its thread has subscribed and has them; or the API is off. A thread started again after a crash counts afresh.
			early?.drop();
			guard?.start();
			this.guarding = true;
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

	/** A client in this process (the console on the main thread, or a test): the protocol over `transport` (its events from `events`, the relay's unless said). */
	serve(transport: Transport, events: EventSource = this.relay): void {
		serveSession(transport, this.handler, events, this.info);
	}

	/**
	 * Stops firing, ends or waits for live runs (the config's `shutdown` unless `mode`), and releases
	 * everything. `cause`: what asked for the stop (`SIGTERM`), told to the clients as the connection ends.
	 */
	async close(mode?: 'wait' | 'cancel', cause?: string): Promise<void> {
		if (this.closing) {
			// Asked again while waiting for live runs: cancel them now.
			if (mode === 'cancel') {
				this.cancelledAtStop = true;
				void this.scheduler.stop('cancel');
			}

			return this.closing;
		}

		this.stopCause = cause;
		this.closing = this.closeAfterStart(mode);
		return this.closing;
	}

	/** A close asked for while the host starts waits for the start to stop at its next step, then lets go of what it started. */
	private async closeAfterStart(mode?: 'wait' | 'cancel'): Promise<void> {
		await this.starting?.catch(() => undefined);
		await this.closeNow(mode);
	}

	private async closeNow(mode?: 'wait' | 'cancel'): Promise<void> {
		const {parts} = this;
		const {shutdown} = this.scheduler.currentConfig;
		// The API stays up while live runs get their grace: /v1/health answers 503 `stopping`, /metrics
		// sage_scheduler_up 0, and SSE and log followers see those runs end (a stopping scheduler starts
		// nothing new it is asked for). It closes once they ended, before the events stop.
		parts.detachPings();
		this.guarding = false;
		parts.guard?.stop();
		parts.watcher.stop();
		parts.sweeper?.stop();
		this.oneOffRuns.stop();
		// Services first, with their stop signal and timeout: their runs' ends are written with the scheduler's last writes.
		await this.supervisor.close();
		await this.scheduler.stop(mode ?? shutdown.mode, shutdown.graceMs);
		await this.api?.close();
		this.relay.stop();
		parts.detachDeliveries?.();
		parts.detachNotifier();
		this.life?.sendHeldAtStop();
		// The last alerts (a run failed just before the stop) get a few seconds to reach the phone.
		await parts.notifier.close(notifyGraceMs);
		const stopMode = this.cancelledAtStop ? 'cancel' : mode ?? shutdown.mode;
		await parts.socket?.close(stopClosingLine({cause: this.stopCause, mode: stopMode, graceMs: shutdown.graceMs}));
		this.beacon?.close();
		await parts.executor.close();
		// Read at the end: a restored database file starts a new checkpoint thread.
		await parts.checkpointer?.close();
		this.life?.end();
		try {
			this.database.close();
		} catch (error) {
			this.logger.error({err: error}, 'could not close the history database cleanly');
		}

		this.lock?.release();
		flushProcessLogger(this.logger, true);
	}
}
