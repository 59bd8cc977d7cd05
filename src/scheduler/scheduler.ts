/**
 * The scheduler: fires jobs on time, queues them under `max_parallel`, queue limits and priorities,
 * applies concurrency, timeout, retry, catch-up and chain policies, and keeps history through one
 * guarded path. It knows nothing of terminals, sockets or threads: its host talks to it through this
 * API, its typed events and its immutable snapshot.
 */
import {formatProblem, type ConfigProblem} from '../config/config-problem.js';
import type {JobDefinition, SchedulerConfig} from '../core/job-definition.js';
import type {LogLine} from '../core/log-line.js';
import type {RunRecord, RunTrigger} from '../core/run-record.js';
import type {PendingRun} from '../core/run-queue.js';
import {shouldRetry} from '../core/retry-policy.js';
import type {Executor, RunPaths} from '../executors/executor.js';
import {calendarWarning} from '../market/calendar-warning.js';
import {tradeDateOf} from '../market/market-session.js';
import type {TradingCalendar} from '../market/trading-calendar.js';
import type {SubmitResult} from '../protocol/messages.js';
import {summarizeRun} from '../protocol/run-summary.js';
import type {RemoteView, SchedulerInfo, SchedulerSnapshot, ServiceView} from '../protocol/snapshot.js';
import {addDays, zonedDate} from '../time/zoned-time.js';
import {catchUpSlots} from './catch-up.js';
import type {Clock} from './clock.js';
import {requestFires} from './fire-requests.js';
import {FireTimer, type DueFire} from './fire-timer.js';
import {startGroupRun} from './group-run.js';
import {HistoryWrites, type WriteTarget} from './history-writes.js';
import type {PingOutcome} from './heartbeat-monitor.js';
import {describeJobChanges, jobChanges, type JobChanges} from './job-changes.js';
import {JobWatch} from './job-watch.js';
import {settleLeftRuns} from './left-runs.js';
import {LiveRuns, type LiveRun} from './live-runs.js';
import {LogTail} from './log-tail.js';
import {LoopDelayMonitor} from './loop-delay.js';
import type {AbandonedRun, AdoptRun, HistoryPort, RunLogNames, SchedulerLogger} from './ports.js';
import {Notices} from './notices.js';
import {pauseJob, pauseScheduler, type PauseDeps} from './pauses.js';
import {cancelRun, retryRun, type RunActionParts} from './run-actions.js';
import {RunDispatch, type Dispatched} from './run-dispatch.js';
import {RunRecorder} from './run-recorder.js';
import {RunSequels} from './run-sequels.js';
import type {SchedulerEvents} from './scheduler-events.js';
import {ServicesPart} from './services-part.js';
import {SnapshotBuilder, type SnapshotPart} from './snapshot-builder.js';
import {TodayLedger} from './today-ledger.js';
import {TypedEmitter} from './typed-emitter.js';
import {windDownRuns} from './wind-down.js';
import type {HeartbeatStorePort} from './watch-ports.js';

export type SchedulerDeps = {
	config: SchedulerConfig;
	history: HistoryPort & WriteTarget;
	executor: Executor;
	clock: Clock;
	logger: SchedulerLogger;
	calendar: TradingCalendar;
	paths: RunPaths;
	runLogs: RunLogNames;
	info: Pick<SchedulerInfo, 'pid' | 'root' | 'version'>;
	/** Lines kept for the log tail. @default 5000 */
	tailLines?: number;
	/** Start `after:` jobs when their parents succeed (off for a one-off foreground `run`). @default true */
	chains?: boolean;
	/** Warnings the config loaded with. */
	configWarnings?: readonly ConfigProblem[];
	/** Where heartbeat jobs' pings are kept across restarts (none: in memory only). */
	heartbeats?: HeartbeatStorePort;
};

/** `backfill`: a chain run (or its retry) that is part of a backfill, owed its turn (see RunSequels). */
export type SubmitOptions = {trigger?: RunTrigger; params?: Record<string, unknown>; tradeDate?: string; attempt?: number; scheduledAt?: number; backfill?: boolean};

function submitResult(dispatched: Dispatched): SubmitResult {
	return dispatched.ok ? {ok: true, run: summarizeRun(dispatched.record)} : {ok: false, reason: dispatched.reason, run: dispatched.record && summarizeRun(dispatched.record)};
}

export class Scheduler {
	readonly events = new TypedEmitter<SchedulerEvents>();
	readonly tail: LogTail;
	private config: SchedulerConfig;
	private configProblems: readonly ConfigProblem[] = [];
	private configWarnings: readonly ConfigProblem[];
	private readonly notices = new Notices((level, msg) => this.say(level, msg));
	private readonly timer: FireTimer;
	private readonly writes: HistoryWrites;
	private readonly recorder: RunRecorder;
	private readonly live: LiveRuns;
	private readonly dispatch: RunDispatch;
	private readonly sequels: RunSequels;
	private readonly today: TodayLedger;
	private readonly loopDelay = new LoopDelayMonitor();
	private readonly snapshots: SnapshotBuilder;
	private readonly watch: JobWatch;
	private readonly startedAt: number;
	private state: 'idle' | 'running' | 'stopping' | 'stopped' = 'idle';
	private stopping: Promise<void> | undefined;
	private remoteView: RemoteView | undefined;
	private readonly services = new ServicesPart();
	private readonly runActionParts: RunActionParts;
	/** The trading calendar in use: `deps.calendar` until a reload hands over another (setCalendar). */
	private calendarInUse: TradingCalendar;

	constructor(private readonly deps: SchedulerDeps) {
		this.calendarInUse = deps.calendar;
		this.config = deps.config;
		this.configWarnings = deps.configWarnings ?? [];
		this.startedAt = deps.clock.now();
		this.tail = new LogTail(deps.tailLines ?? 5000);
		this.writes = new HistoryWrites(deps.history, deps.clock, (level, msg) => this.say(level, msg), () => this.changed('notices'));
		this.recorder = new RunRecorder(deps.history, this.writes);
		this.today = new TodayLedger(deps.history, deps.config.timezone);
		this.timer = new FireTimer(deps.clock, deps.calendar, fires => this.onFires(fires), msg => this.say('warn', msg));
		this.sequels = new RunSequels({
			clock: deps.clock,
			submit: (jobId, options) => this.submit(jobId, options),
			say: (level, msg, jobId) => this.say(level, msg, {jobId}),
			chains: deps.chains !== false,
		});
		this.live = new LiveRuns({
			executor: deps.executor,
			recorder: this.recorder,
			clock: deps.clock,
			logger: deps.logger,
			paths: deps.paths,
			runLogs: deps.runLogs,
			startGroup: (live, sink) => this.startGroup(live, sink),
			tail: lines => this.appendTail(lines),
			started: live => this.onStarted(live),
			progressed: live => {
				this.events.emit('run-progress', {runId: live.record.id, jobId: live.record.jobId, progress: live.record.progress, message: live.record.message});
				this.changed('live');
			},
			notify: (live, title, body, users) => this.events.emit('job-notify', {jobId: live.record.jobId, runId: live.record.id, title, body, users}),
			runLogsProblem: problem => {
				if (this.notices.get('run-logs') !== problem) {
					this.setNotice('run-logs', problem);
				}
			},
			ended: live => this.onEnded(live.pending, live.record, live.handedOver === true),
			firesFirst: () => this.timer.fireIfDue(),
		});
		this.dispatch = new RunDispatch({
			config: () => this.config,
			clock: deps.clock,
			recorder: this.recorder,
			live: this.live,
			queued: record => {
				this.events.emit('run-queued', {...summarizeRun(record), queuedAt: this.deps.clock.now()});
				this.changed('live', 'jobs');
			},
			skipped: (record, reason) => {
				this.say('info', `skipped ${record.jobId}: ${reason}`, {jobId: record.jobId, runId: record.id});
				this.events.emit('run-skipped', summarizeRun(record));
				this.changed('jobs');
			},
			dropped: (pending, record) => {
				this.say('info', `■ ${record.jobId} ${record.message ?? 'cancelled'} (run ${record.id})`, {jobId: record.jobId, runId: record.id});
				this.onEnded(pending, record);
			},
		});
		this.runActionParts = {dispatch: this.dispatch, live: this.live, recorder: this.recorder, submit: (jobId, options) => this.submit(jobId, options)};
		this.snapshots = new SnapshotBuilder({
			info: () => this.info(),
			slots: () => this.timer.all(),
			live: () => this.live.all(),
			queued: () => this.dispatch.queue.all(),
			today: this.today,
			configProblems: () => this.configProblems,
			configWarnings: () => this.configWarnings,
			calendarWarning: () => this.calendarWarning(),
			calendar: () => this.calendarInUse.data,
			notices: () => [...this.notices.list(), ...(this.writes.notice ? [this.writes.notice] : [])],
			loopDelayMs: () => this.loopDelay.p99(this.deps.clock.now()),
			remote: () => this.remoteView,
		});
		this.timer.paused = deps.history.schedulerPaused();
		this.rebuildSlots(deps.clock.now());
		this.watch = new JobWatch({
			clock: deps.clock,
			jobs: () => [...this.timer.all()],
			job: jobId => this.timer.get(jobId),
			schedulerPaused: () => this.timer.paused,
			isLive: jobId => this.live.ofJob(jobId).length > 0 || this.dispatch.queue.has(jobId),
			alert: alert => {
				this.say(alert.kind === 'deadline-met' || alert.kind === 'heartbeat-up' ? 'info' : 'warn', alert.message, {jobId: alert.jobId, runId: alert.runId});
				this.events.emit('job-alert', alert);
			},
			changed: () => this.changed('jobs'),
		}, deps.heartbeats, (what, work) => this.writes.write(what, work));
	}

	// ── lifecycle ─────────────────────────────────────────────────────────────

	/**
	 * Marks the runs a dead process left behind as interrupted, catches up missed fire times, and
	 * starts firing. `abandoned` are those runs, when the host has already read them (to end their
	 * processes first); `notes` says per run what was done about its process. `adopt` may take over
	 * runs still going elsewhere (on workers): those stay running, reporting as before.
	 */
	start(abandoned: readonly AbandonedRun[] = this.deps.history.abandonedRuns(), notes: ReadonlyMap<number, string> = new Map(), adopt?: AdoptRun): void {
		if (this.state !== 'idle') {
			return;
		}

		const now = this.deps.clock.now();
		const interrupted = settleLeftRuns(abandoned, now, notes, adopt, {
			recorder: this.recorder,
			live: this.live,
			job: jobId => this.timer.get(jobId)?.job,
			say: (level, msg, fields) => this.say(level, msg, fields),
		});
		this.state = 'running';
		this.loadChains(now);
		this.today.reload(now, this.timer.ids, this.config.timezone);
		// Their rows are still being written: today counts them from here.
		for (const run of interrupted) {
			this.today.add(run);
		}

		this.loopDelay.start();
		if (!this.timer.paused) {
			catchUpSlots(this.timer.all(), now, {
				run: (jobId, scheduledAt) => this.submit(jobId, {trigger: 'catch-up', scheduledAt}),
				missed: (jobId, count) => this.events.emit('fires-missed', {jobId, count}),
				say: (level, msg, jobId) => this.say(level, msg, {jobId}),
			});
		}

		const warning = this.calendarWarning();
		if (warning) {
			this.say('warn', warning);
		}

		for (const problem of this.configWarnings) {
			this.say('warn', `config: ${formatProblem(problem)}`);
		}

		this.say('info', `scheduler started with ${this.timer.ids.length} jobs${this.timer.paused ? ' (paused: nothing fires on schedule until resumed)' : ''}`);
		this.timer.start();
		this.watch.start(now, this.recentSuccesses(now));
		this.changed('scheduler', 'jobs', 'today');
	}

	/**
	 * Stops firing; live runs are waited for (`wait`, up to `graceMs`, then cancelled) or cancelled at
	 * once, and recorded truthfully; history writes are drained. Asked again while waiting: cancel now.
	 */
	async stop(mode: 'wait' | 'cancel' = 'cancel', graceMs = 30_000): Promise<void> {
		if (this.stopping) {
			if (mode === 'cancel') {
				this.live.cancelAll('shutdown');
			}

			return this.stopping;
		}

		this.stopping = this.stopNow(mode, graceMs);
		return this.stopping;
	}

	private async stopNow(mode: 'wait' | 'cancel', graceMs: number): Promise<void> {
		this.state = 'stopping';
		this.events.emit('scheduler-state', {paused: this.timer.paused, stopping: true});
		this.changed('scheduler');
		this.timer.stop();
		this.watch.stop();
		this.sequels.stop();
		this.dispatch.stop();
		await windDownRuns({
			live: this.live,
			clock: this.deps.clock,
			whenFinished: async runId => this.whenFinished(runId),
			say: (msg, fields) => this.say('info', msg, fields),
		}, mode, graceMs);
		this.loopDelay.stop();
		this.say('info', 'scheduler stopped');
		if (!await this.writes.drain(5000)) {
			this.deps.logger.error({pending: this.writes.pending}, 'history writes still failing at exit; the runs they describe show as interrupted at the next start');
		}

		this.state = 'stopped';
		this.events.emit('stopped', undefined);
	}

	/** Applies a new config: jobs added, removed and changed; live runs are untouched. */
	reload(config: SchedulerConfig, warnings: readonly ConfigProblem[] = []): JobChanges {
		const result = jobChanges(this.config.jobs, config.jobs);
		const services = jobChanges(this.config.services ?? [], config.services ?? []);
		this.config = config;
		this.configProblems = [];
		this.configWarnings = warnings;
		const now = this.deps.clock.now();
		this.rebuildSlots(now);
		this.today.reload(now, this.timer.ids, config.timezone);
		const servicesChanged = services.added.length + services.removed.length + services.changed.length > 0;
		this.say('info', `config reloaded: ${describeJobChanges(result)}${servicesChanged ? `; services: ${describeJobChanges(services)}` : ''}`);
		this.sequels.jobsRemoved(result.removed);
		for (const problem of warnings) {
			this.say('warn', `config: ${formatProblem(problem)}`);
		}

		this.events.emit('config-reloaded', result);
		this.timer.arm();
		this.watch.replan();
		this.dispatch.dispatch();
		this.changed('scheduler', 'jobs', 'today', 'config');
		return result;
	}

	/**
	 * A re-read config/calendar.yaml: the calendar in use from now on. Fire times and watches follow it,
	 * the services hear of it (`calendar-changed`), and clients get it in the snapshot.
	 */
	setCalendar(calendar: TradingCalendar): void {
		this.calendarInUse = calendar;
		this.timer.useCalendar(calendar);
		this.rebuildSlots(this.deps.clock.now());
		this.timer.arm();
		this.watch.replan();
		this.events.emit('calendar-changed', {calendar});
		this.changed('jobs', 'config');
	}

	/** A config edit that failed validation: the running jobs stay, the problems show. */
	reportConfigProblems(problems: readonly ConfigProblem[]): void {
		this.configProblems = problems;
		this.say('error', `config not applied, ${problems.length} problem${problems.length === 1 ? '' : 's'}; the previous jobs keep running`);
		for (const problem of problems) {
			this.say('error', formatProblem(problem));
		}

		this.events.emit('config-invalid', {problems: [...problems]});
		this.changed('config');
	}

	// ── operator actions ──────────────────────────────────────────────────────

	/** Runs a job now (or with the given trigger), through the same policies and queue as scheduled runs. */
	submit(jobId: string, options: SubmitOptions = {}): SubmitResult {
		return submitResult(this.request(jobId, options));
	}

	/** One `backfill` run per trading day from `from` to `to` (YYYY-MM-DD, inclusive), oldest first. */
	backfill(jobId: string, from: string, to: string): SubmitResult[] {
		return this.calendarInUse.tradingDaysBetween(from, to).map(day => this.submit(jobId, {trigger: 'backfill', tradeDate: day}));
	}

	setPaused(jobId: string, paused: boolean): boolean {
		return pauseJob(this.pauseDeps(), jobId, paused);
	}

	/** Pauses or resumes the whole scheduler: nothing fires on schedule while paused (kept across restarts). */
	setSchedulerPaused(paused: boolean): boolean {
		return pauseScheduler(this.pauseDeps(), paused);
	}

	/** Cancels a queued or running run. */
	cancel(runId: number): {ok: boolean; reason?: string} {
		return cancelRun(this.runActionParts, runId);
	}

	/** Runs a run's job again with its parameters and trade date, as the next attempt. */
	retry(runId: number): SubmitResult {
		return retryRun(this.runActionParts, runId);
	}

	/**
	 * A ping from the outside process a heartbeat job stands for.
	 * @returns its state after the ping, or undefined when the job is not a heartbeat job
	 */
	ping(jobId: string, outcome: PingOutcome) {
		return this.timer.get(jobId)?.job.heartbeat ? this.watch.ping(jobId, outcome) : undefined;
	}

	/** Settles with the run's record when it ends (at once if it already has). */
	async whenFinished(runId: number): Promise<RunRecord | undefined> {
		const record = this.recorder.get(runId);
		if (!record || (record.status !== 'queued' && record.status !== 'running')) {
			return record;
		}

		return this.sequels.finished(runId);
	}

	/**
	 * The next attempt of an ended run while it is still to come: its attempt number, and when it is
	 * asked for if it waits for its job's retry backoff (a run handed over from a lost worker has no time).
	 */
	nextAttemptOf(runId: number): {attempt: number; at?: number} | undefined {
		return this.sequels.comingAttempt(runId);
	}

	/** Resolves once every history write made so far is committed (false if they still fail after `timeoutMs`). */
	async historyWritten(timeoutMs = 5000): Promise<boolean> {
		return this.writes.drain(timeoutMs);
	}

	getRun(runId: number): RunRecord | undefined {
		return this.recorder.get(runId);
	}

	job(jobId: string): JobDefinition | undefined {
		return this.timer.get(jobId)?.job;
	}

	/** The job's schedule and state, for a per-job view; `lastFireAt` is its last fire, or when it was first seen. */
	slot(jobId: string): {job: JobDefinition; paused: boolean; nextFireAt?: number; lastFireAt?: number; schedule: {next(after: Date): Date | undefined}} | undefined {
		const slot = this.timer.get(jobId);
		return slot && {job: slot.job, paused: slot.paused, nextFireAt: slot.nextFireAt, lastFireAt: slot.lastFireAt, schedule: slot.schedule};
	}

	get currentConfig(): SchedulerConfig {
		return this.config;
	}

	get calendar(): TradingCalendar {
		return this.calendarInUse;
	}

	/** Now, on the scheduler's clock (a test's fixed clock too): what clients' answers are computed from. */
	now(): number {
		return this.deps.clock.now();
	}

	get isPaused(): boolean {
		return this.timer.paused;
	}

	get jobIds(): string[] {
		return this.timer.ids;
	}

	snapshot(): SchedulerSnapshot {
		if (this.today.rollOver(this.deps.clock.now())) {
			this.snapshots.touch('today', 'jobs');
		}

		return this.services.join(this.watch.mark(this.snapshots.snapshot()));
	}

	// ── services (src/supervisor) ─────────────────────────────────────────────

	/** Service runs (trigger `service`) go through the same guarded path as jobs' runs: this recorder and its ordered writes. */
	get serviceRecorder(): RunRecorder {
		return this.recorder;
	}

	/** The supervisor's part of the snapshot, so every client gets one snapshot; `servicesChanged()` says it moved. */
	showServices(source: () => readonly ServiceView[]): void {
		this.services.show(source);
		this.events.emit('changed', undefined);
	}

	servicesChanged(): void {
		this.events.emit('changed', undefined);
	}

	/** A service's start: told to clients (the API's events) as a job's run start is. */
	serviceRunStarted(record: RunRecord): void {
		this.events.emit('run-started', summarizeRun(record));
	}

	/** A service's run ended: today's figures and failures count it, and clients (events, metrics) hear of it, like a job's run. */
	serviceRunEnded(record: RunRecord): void {
		this.today.add(record);
		this.events.emit('run-finished', summarizeRun(record));
		this.changed('today');
	}

	/** Runs on workers as the remote executor last saw them (Redis, workers, queue depths). */
	setRemoteView(view: RemoteView | undefined): void {
		if (view !== this.remoteView) {
			this.remoteView = view;
			this.changed('remote');
		}
	}

	/** A standing notice for the header (undefined clears it). */
	setNotice(key: string, text: string | undefined): void {
		this.notices.set(key, text);
		this.changed('notices');
	}

	/** Says something in the console's log tail and the process log. */
	say(level: 'info' | 'warn' | 'error', msg: string, fields: {jobId?: string; runId?: number} = {}): void {
		this.deps.logger[level](fields, msg);
		this.appendTail([{time: this.deps.clock.now(), level, msg, ...fields}]);
	}

	// ── inside ────────────────────────────────────────────────────────────────

	private info(): SchedulerInfo {
		return {...this.deps.info, startedAt: this.startedAt, paused: this.timer.paused, stopping: this.state === 'stopping', timezone: this.config.timezone, maxParallel: this.config.maxParallel, shutdownGraceMs: this.config.shutdown.graceMs};
	}

	private pauseDeps(): PauseDeps {
		return {
			timer: this.timer,
			clock: this.deps.clock,
			writes: this.writes,
			history: this.deps.history,
			watch: this.watch,
			events: this.events,
			say: (msg, jobId) => this.say('info', msg, jobId === undefined ? {} : {jobId}),
			changed: (...parts) => this.changed(...parts),
			stopping: () => this.state === 'stopping',
		};
	}

	private request(jobId: string, options: SubmitOptions): Dispatched {
		const slot = this.timer.get(jobId);
		if (!slot) {
			return {ok: false, reason: `no job "${jobId}"`};
		}

		if (slot.job.heartbeat) {
			return {ok: false, reason: `${jobId} is a heartbeat job: an outside process runs it and pings in (POST /v1/heartbeats/${jobId} or sage-console ping ${jobId})`};
		}

		const scheduledAt = options.scheduledAt ?? this.deps.clock.now();
		const dispatched = this.dispatch.request(slot.job, {
			trigger: options.trigger ?? 'manual',
			scheduledAt,
			attempt: options.attempt ?? 1,
			params: {...slot.job.params, ...options.params},
			tradeDate: options.tradeDate ?? tradeDateOf(scheduledAt, this.calendarInUse),
			...(options.backfill ? {backfill: true} : {}),
		});
		if (dispatched.record) {
			this.sequels.requested(dispatched.record);
		}

		return dispatched;
	}

	private appendTail(lines: LogLine[]): void {
		if (lines.length > 0) {
			this.tail.append(lines);
			this.events.emit('log-lines', {lines});
		}
	}

	private changed(...parts: SnapshotPart[]): void {
		this.snapshots.touch(...parts);
		this.events.emit('changed', undefined);
	}

	private rebuildSlots(now: number): void {
		this.timer.rebuild(this.config.jobs, this.deps.history.jobStates(), now, {
			anchor: (jobId, at) => this.writes.write(`keep the interval anchor of ${jobId}`, () => this.deps.history.setIntervalAnchor(jobId, at)),
			firstSeen: (jobId, at) => this.writes.write(`remember when ${jobId} was first scheduled`, () => this.deps.history.recordFire(jobId, at)),
		});
	}

	/** Successes of the last two days, for the deadline watch after a restart (read only when a job has a deadline: ~0.2 s at a million runs). */
	private recentSuccesses(now: number): Array<{jobId: string; tradeDate: string}> {
		if (!this.config.jobs.some(job => job.deadlineMinute !== undefined)) {
			return [];
		}

		try {
			return this.deps.history.successesSince(addDays(zonedDate(now, this.config.timezone), -2));
		} catch {
			return [];
		}
	}

	private loadChains(now: number): void {
		if (this.deps.chains === false) {
			return;
		}

		try {
			this.sequels.loadSuccesses(this.deps.history.successesSince(addDays(zonedDate(now, this.config.timezone), -10)));
		} catch (error) {
			this.say('error', `could not read recent successes for after: chains: ${(error as Error).message}`);
		}
	}

	private onFires(fires: DueFire[]): void {
		requestFires(fires, {
			dispatch: this.dispatch,
			calendar: this.calendarInUse,
			events: this.events,
			say: (msg, jobId) => this.say('warn', msg, {jobId}),
			remember: (jobId, at) => this.writes.write(`remember the last fire of ${jobId}`, () => this.deps.history.recordFire(jobId, at)),
		});
		this.changed('jobs');
	}

	private onStarted(live: LiveRun): void {
		const {record} = live;
		this.deps.logger.info({jobId: record.jobId, runId: record.id, trigger: record.trigger, attempt: record.attempt, logPath: record.logPath}, 'run started');
		this.appendTail([{time: record.startedAt ?? this.deps.clock.now(), level: 'info', msg: `▶ ${record.jobId} started (run ${record.id}, ${record.trigger}${record.attempt > 1 ? `, attempt ${record.attempt}` : ''})`, jobId: record.jobId, runId: record.id}]);
		this.events.emit('run-started', summarizeRun(record));
		this.watch.started(record, live.pending.job);
		this.changed('live', 'jobs');
	}

	/** A run ended (finished, or dropped before it started): free its slot, tell, retry, chain. */
	private onEnded(pending: PendingRun, record: RunRecord, handedOver = false): void {
		this.dispatch.dispatch();
		this.today.add(record);
		this.events.emit('run-finished', summarizeRun(record));
		// A stopping scheduler asks for no next attempt: this end is the last word, for alerts and groups alike.
		const nextAttempt = (handedOver || shouldRetry(pending.job, record.status, pending.attempt)) && this.state !== 'stopping';
		this.events.emit('run-ended', {record, job: pending.job, nextAttempt});
		this.watch.ended(record);
		this.sequels.ended(pending, record, nextAttempt, () => [...this.timer.all()].map(slot => ({job: slot.job, paused: slot.paused})));

		this.changed('live', 'jobs', 'today');
	}

	private startGroup(live: LiveRun, sink: Parameters<typeof startGroupRun>[4]) {
		return startGroupRun({
			submitMember: (jobId, tradeDate) => {
				const dispatched = this.request(jobId, {trigger: 'group', tradeDate});
				return dispatched.ok ? {ok: true, record: dispatched.record} : {ok: false, reason: dispatched.reason};
			},
			whenFinished: async runId => this.whenFinished(runId),
			nextAttempt: async runId => this.sequels.nextAttempt(runId),
			cancelMember: runId => {
				if (!this.sequels.dropRetry(runId)) {
					this.cancel(runId);
				}
			},
		}, live.pending.job, live.record.id, live.pending.tradeDate, sink);
	}

	private calendarWarning(): string | undefined {
		const usesCalendar = this.config.jobs.some(job => job.calendar || job.tradingDayOfMonth || job.tradingDayOfWeek);
		return calendarWarning(this.calendarInUse, this.deps.clock.now(), usesCalendar);
	}
}
