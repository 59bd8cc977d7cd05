import path from 'node:path';
import {formatProblem, type ConfigProblem} from '../config/config-problem.js';
import {marketPhase, tradeDateOf} from '../market/market-session.js';
import {calendarWarning} from '../market/calendar-warning.js';
import type {TradingCalendar} from '../market/trading-calendar.js';
import type {EngineEvents} from './engine-events.js';
import type {EngineSnapshot} from './engine-snapshot.js';
import type {JobDefinition, SchedulerConfig} from '../core/job-definition.js';
import {JobTable, type DueFire} from './job-table.js';
import {LogTail} from './log-tail.js';
import {LoopDelayMonitor} from './loop-delay.js';
import type {Clock, EngineLogger, LogLine, RunLogNames, Runner, RunPaths, RunStore} from './ports.js';
import {runLogPath} from './run-log-name.js';
import {startGroupRun} from './group-run.js';
import {LiveRuns} from './live-runs.js';
import {RunWrites} from './run-writes.js';
import {GuardedWrites} from './guarded-writes.js';
import {HeldNews} from './held-news.js';
import {RunDispatch, type SubmitResult} from './run-dispatch.js';
import type {RunRecord, RunTrigger} from '../core/run-record.js';
import {jobViews, liveRunView} from './snapshot-views.js';
import {FollowUpRuns} from './follow-up-runs.js';
import {TodayLedger} from './today-ledger.js';
import {TypedEmitter} from './typed-emitter.js';

export type EngineDeps = {
	config: SchedulerConfig;
	store: RunStore;
	runner: Runner;
	clock: Clock;
	logger: EngineLogger;
	calendar: TradingCalendar;
	paths: RunPaths;
	/** Keep the log tail's size bounded. @default 5000 */
	tailLines?: number;
	/** Start `after:` jobs when their parents succeed (off for a one-off `run`). @default true */
	chains?: boolean;
	/** Names run log files. @default numbered through the store, each file made by its run */
	runLogs?: RunLogNames;
	/** Called in a quiet moment shortly before a fire (no run waiting): collect garbage then, not during the fire. */
	collectGarbage?: () => void;
};

/** How long after a run is handed to its runner the scheduler still counts as busy (see isQuietFor). */
const startSettleMs = 20;

export type SubmitOptions = {trigger?: RunTrigger; params?: Record<string, unknown>; tradeDate?: string; attempt?: number; scheduledAt?: number};

export type {SubmitResult} from './run-dispatch.js';

/**
 * The scheduler: fires jobs on time, queues them under `max_parallel` and per-queue limits in priority order,
 * applies concurrency, timeout, retry and catch-up policies, and keeps history through the store.
 * Knows nothing of the terminal; talks through typed events and an immutable snapshot.
 */
export class Engine {
	readonly events = new TypedEmitter<EngineEvents>();
	readonly tail: LogTail;
	private config: SchedulerConfig;
	private readonly table: JobTable;
	private readonly runs: RunDispatch;
	private readonly live: LiveRuns;
	private readonly followUps: FollowUpRuns;
	private readonly today: TodayLedger;
	private readonly writes: GuardedWrites;
	private readonly loopDelay = new LoopDelayMonitor();
	private running = false;
	private stopped: Promise<void> | undefined;
	private readonly notices = new Map<string, string>();
	private readonly runWrites: RunWrites;
	private readonly news: HeldNews;
	private cachedSnapshot: EngineSnapshot | undefined;
	private configProblems: ConfigProblem[] = [];

	constructor(private readonly deps: EngineDeps) {
		this.config = deps.config;
		this.followUps = new FollowUpRuns({
			clock: deps.clock,
			store: deps.store,
			jobs: () => this.table.all(),
			hasJob: jobId => this.table.get(jobId) !== undefined,
			submit: (jobId, request) => this.submit(jobId, request),
			say: (level, msg, fields) => this.say(level, msg, fields),
		});
		this.tail = new LogTail(deps.tailLines ?? 5000);
		this.today = new TodayLedger(deps.store, deps.config.timezone);
		this.writes = new GuardedWrites(deps.clock, (level, message) => this.say(level, message), () => this.changed());
		// A burst being worked through, where writes and news wait: every slot taken and runs queued for
		// one, or runs waiting on busy workers that are still starting them one after another.
		const inBurst = () => (this.runs.queue.length > 0 && this.live.size >= this.config.maxParallel)
			|| (this.live.waitingCount > 0 && deps.clock.now() - this.runs.lastStartAt < startSettleMs);
		this.news = new HeldNews(inBurst);
		this.runWrites = new RunWrites(deps.store, this.writes, record => this.onRecorded(record), {busy: inBurst, beforeWrite: () => this.news.flush()});
		this.table = new JobTable(deps.clock, deps.calendar, fires => this.onFires(fires), () => {
			if (this.runs.queue.length === 0) {
				deps.collectGarbage?.();
			}
		});
		this.live = new LiveRuns({
			...deps,
			events: this.events,
			tail: this.tail,
			runWrites: this.runWrites,
			news: this.news,
			runLogs: deps.runLogs ?? {take: day => runLogPath(path.join(deps.paths.logs, 'jobs'), day, deps.store.nextRunNumber(day))},
			timeZone: () => this.config.timezone,
			startGroup: (pending, runId, sink) => startGroupRun(this, pending.job, runId, pending.tradeDate, sink),
			say: (level, msg, fields) => this.say(level, msg, fields),
			freed: () => this.runs.dispatch(),
			began: () => {
				this.runs.lastStartAt = deps.clock.now();
			},
			ended: (pending, record) => {
				this.today.add(record);
				this.followUps.ended(pending, record);
			},
			changed: () => this.changed(),
		});
		this.runs = new RunDispatch({
			...deps,
			config: () => this.config,
			live: () => this.live,
			writes: this.writes,
			runWrites: this.runWrites,
			events: this.events,
			endedUnrun: record => this.today.add(record),
			say: (level, msg, fields) => this.say(level, msg, fields),
			changed: () => this.changed(),
		});
		this.rebuildSlots(this.config.jobs, deps.clock.now());
	}

	// ── lifecycle ─────────────────────────────────────────────────────────────

	/** Recovers from a previous crash, catches up missed fire times, and starts firing. */
	start(): void {
		if (this.running) {
			return;
		}

		const now = this.deps.clock.now();
		for (const run of this.deps.store.interruptAbandonedRuns(now)) {
			this.say('warn', `run ${run.id} of ${run.jobId} was interrupted (the process stopped while it was ${run.status === 'queued' ? 'queued' : 'running'})`, {jobId: run.jobId, runId: run.id});
		}

		this.rebuildSlots(this.config.jobs, now);
		this.today.reload(now, this.table.ids);
		this.running = true;
		this.loopDelay.start();
		this.catchUp(now);
		this.warnAboutCalendar(now);
		this.say('info', `scheduler started with ${this.table.ids.length} jobs`);
		this.table.start();
		this.changed();
	}

	/** Stops firing; live runs are waited for (`wait`) or cancelled (`cancel`), and recorded truthfully. */
	async stop(mode: 'wait' | 'cancel' = 'cancel', waitMs = 30_000): Promise<void> {
		if (this.stopped) {
			// Asked again while waiting (a second Ctrl-C): stop waiting.
			if (mode === 'cancel') {
				this.live.cancelAll('shutdown');
			}

			return this.stopped;
		}

		this.stopped = this.stopNow(mode, waitMs);
		return this.stopped;
	}

	private async stopNow(mode: 'wait' | 'cancel', waitMs: number): Promise<void> {
		this.running = false;
		this.table.stop();
		this.followUps.stop();
		this.runs.stop();

		// Runs handed to busy workers that have not started are queued runs too.
		for (const run of this.live.all().filter(live => live.waiting)) {
			this.live.cancel(run, 'shutdown');
		}

		const finished = this.live.all().map(async run => this.runWrites.waitFor(run.record.id));
		if (mode === 'cancel') {
			this.live.cancelAll('shutdown');
		} else if (finished.length > 0) {
			const deadline = setTimeout(() => {
				this.live.cancelAll('shutdown');
			}, waitMs);
			await Promise.all(finished);
			clearTimeout(deadline);
		}

		await Promise.all(finished);
		this.loopDelay.stop();
		this.say('info', 'scheduler stopped');
		this.events.emit('stopped', undefined);
	}

	/** Applies a new config: added, removed and changed jobs; live runs are untouched. */
	reload(config: SchedulerConfig): void {
		const before = new Map(this.config.jobs.map(job => [job.id, JSON.stringify(job)]));
		const after = new Map(config.jobs.map(job => [job.id, JSON.stringify(job)]));
		const added = [...after.keys()].filter(id => !before.has(id));
		const removed = [...before.keys()].filter(id => !after.has(id));
		const changed = [...after.keys()].filter(id => before.has(id) && before.get(id) !== after.get(id));
		this.config = config;
		this.configProblems = [];
		this.rebuildSlots(config.jobs, this.deps.clock.now());
		this.today.reload(this.deps.clock.now(), this.table.ids);
		this.say('info', `config reloaded: ${added.length} added, ${removed.length} removed, ${changed.length} changed`);
		this.events.emit('config-reloaded', {added, removed, changed});
		this.table.arm();
		this.runs.dispatch();
		this.changed();
	}

	/** A config edit that failed validation: keep the running jobs and show the problems. */
	reportConfigProblems(problems: ConfigProblem[]): void {
		this.configProblems = problems;
		this.say('error', `config not applied, ${problems.length} problem${problems.length === 1 ? '' : 's'}; the previous jobs keep running`);
		for (const problem of problems) {
			this.say('error', formatProblem(problem));
		}

		this.events.emit('config-invalid', {problems});
		this.changed();
	}

	// ── operator actions ──────────────────────────────────────────────────────

	/** Runs a job now (or with the given trigger), through the same queue and policies as scheduled runs. */
	submit(jobId: string, options: SubmitOptions = {}): SubmitResult {
		const slot = this.table.get(jobId);
		if (!slot) {
			return {ok: false, reason: `no job "${jobId}"`};
		}

		const now = this.deps.clock.now();
		const scheduledAt = options.scheduledAt ?? now;
		return this.runs.enqueue(slot.job, {
			trigger: options.trigger ?? 'manual',
			scheduledAt,
			attempt: options.attempt ?? 1,
			params: {...slot.job.params, ...options.params},
			tradeDate: options.tradeDate ?? tradeDateOf(scheduledAt, this.deps.calendar),
		});
	}

	/**
	 * Queues one `backfill` run per trading day from `from` to `to` (YYYY-MM-DD, inclusive), oldest first;
	 * they wait for each other rather than being skipped.
	 */
	backfill(jobId: string, from: string, to: string): SubmitResult[] {
		return this.deps.calendar.tradingDaysBetween(from, to).map(day => this.submit(jobId, {trigger: 'backfill', tradeDate: day}));
	}

	setPaused(jobId: string, paused: boolean): boolean {
		const slot = this.table.get(jobId);
		if (!slot || slot.paused === paused) {
			return false;
		}

		slot.paused = paused;
		this.deps.store.setPaused(jobId, paused);
		if (!paused) {
			slot.advance(this.deps.clock.now());
		}

		this.say('info', `${paused ? 'paused' : 'resumed'} ${jobId}`, {jobId});
		this.events.emit(paused ? 'job-paused' : 'job-resumed', {jobId});
		this.table.arm();
		this.changed();
		return true;
	}

	togglePaused(jobId: string): boolean | undefined {
		const slot = this.table.get(jobId);
		if (!slot) {
			return undefined;
		}

		this.setPaused(jobId, !slot.paused);
		return slot.paused;
	}

	/** Cancels a queued or running run. */
	cancel(runId: number): boolean {
		if (this.runs.cancelQueued(runId)) {
			return true;
		}

		const run = this.live.get(runId);
		if (!run) {
			return false;
		}

		this.live.cancel(run, 'cancel');
		return true;
	}

	/** Runs a finished run's job again with the same parameters and trade date. */
	retry(runId: number): SubmitResult {
		this.runWrites.flushNow();
		const previous = this.deps.store.getRun(runId);
		if (!previous) {
			return {ok: false, reason: `no run ${runId}`};
		}

		return this.submit(previous.jobId, {trigger: 'retry', attempt: previous.attempt + 1, tradeDate: previous.tradeDate});
	}

	/** Settles when the run ends (at once if it already has). */
	async whenFinished(runId: number): Promise<RunRecord | undefined> {
		if (this.live.has(runId) || this.runWrites.endsUnwritten(runId) || this.runs.queue.all().some(run => run.runId === runId)) {
			return this.runWrites.waitFor(runId);
		}

		return this.deps.store.getRun(runId);
	}

	get currentConfig(): SchedulerConfig {
		return this.config;
	}

	job(jobId: string): JobDefinition | undefined {
		return this.table.get(jobId)?.job;
	}

	get jobIds(): string[] {
		return this.table.ids;
	}

	// ── snapshot ──────────────────────────────────────────────────────────────

	snapshot(): EngineSnapshot {
		if (this.cachedSnapshot) {
			return this.cachedSnapshot;
		}

		const now = this.deps.clock.now();
		this.today.rollOver(now);
		const lastRuns = this.today.lastRuns;
		const liveCount = new Map<string, number>();
		for (const run of this.live.all().map(r => r.pending).concat(this.runs.queue.all())) {
			liveCount.set(run.job.id, (liveCount.get(run.job.id) ?? 0) + 1);
		}

		const live = this.live.all();
		this.cachedSnapshot = {
			jobs: jobViews(this.table.all(), lastRuns, liveCount),
			live: [
				...live.filter(run => !run.waiting).map(run => liveRunView(run.record, run.pending, 'running')),
				...live.filter(run => run.waiting).map(run => liveRunView(undefined, run.pending, 'queued')),
				...this.runs.queue.all().map(pending => liveRunView(undefined, pending, 'queued')),
			],
			today: this.today.stats,
			failuresToday: this.today.failures,
			configProblems: this.configProblems,
			calendarWarning: this.calendarWarning(now),
			notices: [...this.notices.values()],
			storeProblem: this.writes.notice,
			market: marketPhase(now, this.deps.calendar),
			loopDelayMs: this.loopDelay.p99(now),
		};
		return this.cachedSnapshot;
	}

	/** A standing notice for the header (e.g. a config file others can read); undefined clears it. */
	setNotice(key: string, text: string | undefined): void {
		if (text === undefined) {
			this.notices.delete(key);
		} else {
			this.notices.set(key, text);
		}

		this.changed();
	}

	/** p99 event-loop delay of the last few seconds, ms: how late the scheduler itself could fire. */
	loopDelayP99(): number {
		return this.loopDelay.p99(this.deps.clock.now());
	}

	/**
	 * Whether the scheduler can spare the thread for `ms`: no run queued for a slot, none handed to its
	 * runner or started by a busy worker in the last `startSettleMs` (its worker is still getting it
	 * going, and on two cores a frame would take the core it needs), and no fire is due within `ms`.
	 * Runs waiting on busy workers start without this thread, so they hold no frame back once the
	 * starts pause. The console draws its frames in such gaps, so a frame never delays a fire or a start.
	 */
	isQuietFor(ms: number): boolean {
		const now = this.deps.clock.now();
		return this.runs.queue.length === 0 && now - this.runs.lastStartAt >= startSettleMs && this.table.nextWakeAt - now > ms;
	}

	/** Marks the snapshot stale; the UI re-reads it at its own pace. */
	invalidate(): void {
		this.changed();
	}

	private changed(): void {
		this.cachedSnapshot = undefined;
		this.events.emit('changed', undefined);
	}

	// ── firing ────────────────────────────────────────────────────────────────

	private rebuildSlots(jobs: readonly JobDefinition[], now: number): void {
		this.table.rebuild(jobs, this.deps.store.jobStates(), now, (jobId, at) => this.deps.store.setIntervalAnchor(jobId, at));
	}

	private catchUp(now: number): void {
		for (const {slot, plan} of this.table.catchUpPlans(now)) {
			const skipped = plan.missed - plan.runAt.length;
			this.say(skipped > 0 ? 'warn' : 'info', `${slot.job.id}: ${plan.missed} fire time(s) missed while stopped; catch_up ${slot.job.catchUp} runs ${plan.runAt.length}${plan.tooOld > 0 ? `, ${plan.tooOld} beyond misfire_grace` : ''}`, {jobId: slot.job.id});
			for (const at of plan.runAt) {
				this.submit(slot.job.id, {trigger: 'catch-up', scheduledAt: at});
			}
		}
	}

	/** A second's due fires: recorded and queued in one transaction, then dispatched. */
	private onFires(fires: DueFire[]): void {
		// A second's fires share their instant, and so their trade date (~8 µs to work out each).
		const tradeDates = new Map<number, string | undefined>();
		const tradeDateAt = (at: number) => {
			if (!tradeDates.has(at)) {
				tradeDates.set(at, tradeDateOf(at, this.deps.calendar));
			}

			return tradeDates.get(at);
		};

		this.writes.run('commit this second\'s fires', () => this.deps.store.batch(() => {
			for (const {slot, scheduledAt, lateMs, coalesced} of fires) {
				if (coalesced > 0) {
					this.say('warn', `${slot.job.id}: ${coalesced} fire time(s) passed while the scheduler could not fire (clock jump or blocked event loop); coalesced into one run`, {jobId: slot.job.id});
				}

				if (lateMs > 1000) {
					this.events.emit('fire-late', {jobId: slot.job.id, lateMs});
				}

				this.runs.enqueue(slot.job, {trigger: 'schedule', scheduledAt, attempt: 1, params: slot.job.params, tradeDate: tradeDateAt(scheduledAt)}, false);
			}

			this.runs.dispatch();
			// The last fire times (for catch-up after a restart) are part of the same commit, but nothing
			// waits for them: the second's runs are queued and the first are on their way to workers.
			for (const {slot} of fires) {
				this.writes.run(`remember the last fire of ${slot.job.id}`, () => this.deps.store.recordFire(slot.job.id, slot.lastFireAt!));
			}
		}));
		this.changed();
	}

	// ── runs ending ───────────────────────────────────────────────────────────

	/** Once a run's end is in history: `after:` jobs whose parents have now all succeeded. */
	private onRecorded(record: RunRecord): void {
		if (record.status === 'success' && record.tradeDate && this.deps.chains !== false) {
			this.followUps.succeeded(record.jobId, record.tradeDate);
		}
	}

	// ── calendar and messages ─────────────────────────────────────────────────

	private calendarWarning(now: number): string | undefined {
		const jobsUseCalendar = this.config.jobs.some(job => job.calendar || job.tradingDayOfMonth || job.tradingDayOfWeek);
		return calendarWarning(this.deps.calendar, now, jobsUseCalendar);
	}

	private warnAboutCalendar(now: number): void {
		const warning = this.calendarWarning(now);
		if (warning) {
			this.say('warn', warning);
		}
	}

	private say(level: 'info' | 'warn' | 'error', msg: string, fields: {jobId?: string; runId?: number} = {}): void {
		this.deps.logger[level](fields, msg);
		const line: LogLine = {time: this.deps.clock.now(), level, msg, ...fields};
		this.tail.append([line]);
	}
}

