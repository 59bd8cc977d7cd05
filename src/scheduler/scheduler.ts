/**
 * The scheduler: fires jobs on time, queues them under `max_parallel`, queue limits and priorities,
 * applies concurrency, timeout, retry, catch-up and chain policies, and keeps history through one
 * guarded path. It knows nothing of terminals, sockets or threads: its host talks to it through this
 * API, its typed events and its immutable snapshot. This class is that face; its parts and their
 * wiring are scheduler-parts.ts, and each of its jobs a file of its own.
 */
import type {ConfigProblem} from '../config/config-problem.js';
import type {JobDefinition, SchedulerConfig} from '../core/job-definition.js';
import type {RunRecord} from '../core/run-record.js';
import type {TradingCalendar} from '../market/trading-calendar.js';
import type {CancelResult, SubmitResult} from '../protocol/messages.js';
import type {RemoteView, SchedulerSnapshot, ServiceView} from '../protocol/snapshot.js';
import {changeCalendar, reloadConfig, reportConfigProblems, type ReloadChanges} from './config-reload.js';
import {prepareCalendar, prepareReload, type PreparedReload} from './prepared-reload.js';
import type {PreparedSchedules} from './prepared-schedules.js';
import {closeLeftRunsLater} from './left-runs-later.js';
import type {PingOutcome} from './heartbeat-monitor.js';
import type {LogTail} from './log-tail.js';
import type {AbandonedRun, AdoptRun} from './ports.js';
import {pauseJob, pauseScheduler, type PauseOutcome} from './pauses.js';
import {cancelRun, retryRun} from './run-actions.js';
import type {RunRecorder} from './run-recorder.js';
import type {SchedulerDeps, SubmitOptions} from './scheduler-deps.js';
import type {SchedulerEvents} from './scheduler-events.js';
import {SchedulerParts} from './scheduler-parts.js';
import {wholeSnapshot} from './scheduler-snapshot.js';
import {startScheduler} from './scheduler-start.js';
import {stopScheduler} from './scheduler-stop.js';
import {serviceRunEnded, serviceRunStarted, servicesChanged, showServices} from './service-news.js';
import type {TypedEmitter} from './typed-emitter.js';

export type {SchedulerDeps, SubmitOptions} from './scheduler-deps.js';

export class Scheduler {
	readonly events: TypedEmitter<SchedulerEvents>;
	readonly tail: LogTail;
	private readonly parts: SchedulerParts;
	private stopping: Promise<void> | undefined;

	constructor(deps: SchedulerDeps) {
		this.parts = new SchedulerParts(deps);
		this.events = this.parts.events;
		this.tail = this.parts.tail;
	}

	// ── lifecycle ─────────────────────────────────────────────────────────────

	/**
	 * Marks the runs a dead process left behind as interrupted, catches up missed fire times, and
	 * starts firing. `abandoned` are those runs, when the host has already read them (to end their
	 * processes first); `notes` says per run what was done about its process. `adopt` may take over
	 * runs still going elsewhere (on workers): those stay running, reporting as before.
	 */
	start(abandoned: readonly AbandonedRun[] = this.parts.deps.history.abandonedRuns(), notes: ReadonlyMap<number, string> = new Map(), adopt?: AdoptRun): void {
		startScheduler(this.parts, abandoned, notes, adopt);
	}

	/**
	 * Closes as interrupted runs another process recorded and can no longer end (a one-off `sage-console
	 * run` that died), as start() closes a dead scheduler's: `stoppedBy` says what stopped carrying each
	 * out, `notes` what was done about its processes.
	 */
	closeLeftRuns(runs: readonly AbandonedRun[], notes: ReadonlyMap<number, string>, stoppedBy: (run: AbandonedRun) => string): void {
		closeLeftRunsLater(this.parts, runs, notes, stoppedBy);
	}

	/**
	 * Stops firing; live runs are waited for (`wait`, up to `graceMs`, then cancelled) or cancelled at
	 * once, and recorded truthfully; history writes are drained. Asked again while waiting: cancel now.
	 */
	async stop(mode: 'wait' | 'cancel' = 'cancel', graceMs = 30_000): Promise<void> {
		if (this.stopping) {
			if (mode === 'cancel') {
				this.parts.live.cancelAll('shutdown');
			}

			return this.stopping;
		}

		this.stopping = stopScheduler(this.parts, mode, graceMs);
		return this.stopping;
	}

	/**
	 * Applies a new config: jobs added, removed and changed; live runs are untouched. `prepared`: what
	 * prepareReload worked out for this very config, just before.
	 */
	reload(config: SchedulerConfig, warnings: readonly ConfigProblem[] = [], prepared?: PreparedReload): ReloadChanges {
		return reloadConfig(this.parts, config, warnings, prepared);
	}

	/** Works out what it can of `config` ahead of its reload, in slices that let fires through: a config of thousands of jobs holds up no fire. */
	async prepareReload(config: SchedulerConfig): Promise<PreparedReload> {
		return prepareReload(this.parts, config);
	}

	/**
	 * A re-read config/calendar.yaml: the calendar in use from now on. Fire times and watches follow it,
	 * the services hear of it (`calendar-changed`), and clients get it in the snapshot.
	 */
	setCalendar(calendar: TradingCalendar, prepared?: PreparedSchedules): void {
		changeCalendar(this.parts, calendar, prepared);
	}

	/** Works out the jobs' fire times under `calendar` ahead of setCalendar, in slices that let fires through. */
	async prepareCalendar(calendar: TradingCalendar): Promise<PreparedSchedules> {
		return prepareCalendar(this.parts, calendar);
	}

	/** A config edit that failed validation: the running jobs stay, the problems show. */
	reportConfigProblems(problems: readonly ConfigProblem[], inUse?: string): void {
		reportConfigProblems(this.parts, problems, inUse);
	}

	// ── operator actions ──────────────────────────────────────────────────────

	/** Runs a job now (or with the given trigger), through the same policies and queue as scheduled runs. */
	submit(jobId: string, options: SubmitOptions = {}): SubmitResult {
		return this.parts.submit(jobId, options);
	}

	/** One `backfill` run per trading day from `from` to `to` (YYYY-MM-DD, inclusive), oldest first. */
	backfill(jobId: string, from: string, to: string): SubmitResult[] {
		return this.parts.state.calendar.tradingDaysBetween(from, to).map(day => this.submit(jobId, {trigger: 'backfill', tradeDate: day}));
	}

	/** Pauses or resumes a job (kept across restarts). @returns false when there is no such job or it already is so */
	setPaused(jobId: string, paused: boolean): boolean {
		return this.pauseJob(jobId, paused).changed;
	}

	/** As setPaused, with what the pause stopped of the job's runs not begun (`stopped`, once the worker queues have answered). */
	pauseJob(jobId: string, paused: boolean): PauseOutcome {
		return pauseJob(this.parts.pauses, jobId, paused);
	}

	/** Pauses or resumes the whole scheduler: nothing fires on schedule while paused (kept across restarts). */
	setSchedulerPaused(paused: boolean): boolean {
		return this.pauseScheduler(paused).changed;
	}

	/** As setSchedulerPaused, with what the pause stopped of the runs not begun. */
	pauseScheduler(paused: boolean): PauseOutcome {
		return pauseScheduler(this.parts.pauses, paused);
	}

	/** Cancels a queued or running run, or the next attempt of an ended one still waiting for its backoff. */
	cancel(runId: number): CancelResult {
		const result = cancelRun(this.parts, runId);
		if (result.droppedAttempt) {
			// Its kept row goes before the answer does, so a kill right after a cancel answered does not bring the attempt back.
			this.parts.writes.commitNow();
			this.parts.changed('jobs');
		}

		return result;
	}

	/** Runs a run's job again with its parameters and trade date, as the next attempt. */
	retry(runId: number): SubmitResult {
		return retryRun(this.parts, runId);
	}

	/**
	 * Run `previousId`, on a worker that died or stopped before it finished, goes to another as its next
	 * attempt: linked to it and kept at a stop as the job's own retry is (RunSequels.handedOver).
	 */
	handOver(previousId: number, jobId: string, options: {attempt: number; params?: Record<string, unknown>; runParams?: Record<string, unknown>; tradeDate?: string; scheduledAt: number}): SubmitResult {
		return this.parts.sequels.handedOver(previousId, jobId, options);
	}

	/**
	 * Why run `runId`, which did not finish on its worker, is not handed to another: its job was paused,
	 * disabled or removed while it ran (as a local run's retry is held then); undefined when it may be.
	 */
	handOverHeld(runId: number): string | undefined {
		const record = this.getRun(runId);
		return record && this.parts.sequels.heldWhileRunning(record);
	}

	/**
	 * A ping from the outside process a heartbeat job stands for.
	 * @returns its state after the ping, or undefined when the job is not a heartbeat job
	 */
	ping(jobId: string, outcome: PingOutcome) {
		return this.parts.timer.get(jobId)?.job.heartbeat ? this.parts.watch.ping(jobId, outcome) : undefined;
	}

	/** Settles with the run's record when it ends (at once if it already has). */
	async whenFinished(runId: number): Promise<RunRecord | undefined> {
		return this.parts.whenFinished(runId);
	}

	/**
	 * The next attempt of an ended run while it is still to come: its attempt number, and when it is
	 * asked for if it waits for its job's retry backoff (a run handed over from a lost worker has no time).
	 */
	nextAttemptOf(runId: number): {attempt: number; at?: number} | undefined {
		return this.parts.sequels.comingAttempt(runId);
	}

	/** Why an ended run's next attempt, once coming, was dropped (as the log said it), when that was lately. */
	droppedAttemptWhy(runId: number): string | undefined {
		return this.parts.sequels.droppedAttemptWhy(runId);
	}

	/** Resolves once every history write made so far is committed (false if they still fail after `timeoutMs`). */
	async historyWritten(timeoutMs = 5000): Promise<boolean> {
		return this.parts.writes.drain(timeoutMs);
	}

	// ── reading ───────────────────────────────────────────────────────────────

	getRun(runId: number): RunRecord | undefined {
		return this.parts.recorder.get(runId);
	}

	job(jobId: string): JobDefinition | undefined {
		return this.parts.timer.get(jobId)?.job;
	}

	/** The job's schedule and state, for a per-job view; `lastFireAt` is its last fire, or when it was first seen. */
	slot(jobId: string): {job: JobDefinition; paused: boolean; nextFireAt?: number; lastFireAt?: number; lastTooLate?: {scheduledAt: number; lateMs: number}; intervalAnchor: number; schedule: {next(after: Date): Date | undefined}} | undefined {
		const slot = this.parts.timer.get(jobId);
		return slot && {job: slot.job, paused: slot.paused, nextFireAt: slot.nextFireAt, lastFireAt: slot.lastFireAt, lastTooLate: slot.lastTooLate, intervalAnchor: slot.intervalAnchor, schedule: slot.schedule};
	}

	get currentConfig(): SchedulerConfig {
		return this.parts.state.config;
	}

	get calendar(): TradingCalendar {
		return this.parts.state.calendar;
	}

	/** Now, on the scheduler's clock (a test's fixed clock too): what clients' answers are computed from. */
	now(): number {
		return this.parts.deps.clock.now();
	}

	/** When this scheduler was made, on its clock: `status`'s `startedAt`, and the start its alerts tell. */
	get startedAt(): number {
		return this.parts.state.startedAt;
	}

	get isPaused(): boolean {
		return this.parts.timer.paused;
	}

	get jobIds(): string[] {
		return this.parts.timer.ids;
	}

	snapshot(): SchedulerSnapshot {
		return wholeSnapshot(this.parts);
	}

	// ── services (src/supervisor) ─────────────────────────────────────────────

	/** Service runs (trigger `service`) go through the same guarded path as jobs' runs: this recorder and its ordered writes. */
	get serviceRecorder(): RunRecorder {
		return this.parts.recorder;
	}

	/** The supervisor's part of the snapshot, so every client gets one snapshot; `servicesChanged()` says it moved. */
	showServices(source: () => readonly ServiceView[]): void {
		showServices(this.parts, source);
	}

	servicesChanged(): void {
		servicesChanged(this.parts);
	}

	/** A service's start: told to clients (the API's events) as a job's run start is. */
	serviceRunStarted(record: RunRecord): void {
		serviceRunStarted(this.parts, record);
	}

	/** A service's run ended: today's figures and failures count it, and clients (events, metrics) hear of it, like a job's run. */
	serviceRunEnded(record: RunRecord): void {
		serviceRunEnded(this.parts, record);
	}

	// ── the header and the log ────────────────────────────────────────────────

	/** Runs on workers as the remote executor last saw them (Redis, workers, queue depths). */
	setRemoteView(view: RemoteView | undefined): void {
		if (view !== this.parts.state.remoteView) {
			this.parts.state.remoteView = view;
			this.parts.changed('remote');
		}
	}

	/** A standing notice for the header (undefined clears it). */
	setNotice(key: string, text: string | undefined): void {
		this.parts.setNotice(key, text);
	}

	/** The notification channels configured now (the host's notifier, at the start and on each change of its files). */
	setAlertChannels(channels: readonly string[]): void {
		const {state} = this.parts;
		if (channels.join() !== state.alertChannels.join()) {
			state.alertChannels = [...channels];
			this.parts.changed('alerts');
		}
	}

	/** Says something in the console's log tail and the process log. */
	say(level: 'info' | 'warn' | 'error', msg: string, fields: {jobId?: string; runId?: number} = {}): void {
		this.parts.say(level, msg, fields);
	}
}
