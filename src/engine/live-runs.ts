import type {EngineEvents} from './engine-events.js';
import type {HeldNews} from './held-news.js';
import type {CancelReason, Clock, EngineLogger, FollowingRunHandle, LogLine, RunHandle, RunLogNames, Runner, RunOutcome, RunPaths, RunSink, RunSpec} from './ports.js';
import {runLogDay} from './run-log-name.js';
import {isGroup, type PendingRun} from './run-queue.js';
import {failureStatuses, type RunRecord} from '../core/run-record.js';
import type {RunWrites} from './run-writes.js';
import type {LogTail} from './log-tail.js';
import type {TypedEmitter} from './typed-emitter.js';
import {WorkerLines, type LineTail} from './worker-lines.js';

/** Progress is written to history at most this often per run (and always at the end). */
const progressSaveIntervalMs = 1000;

/**
 * A run handed to its runner and not yet ended: started, or waiting on a busy worker behind another
 * run (`waiting`), to start the moment the runs before it there end.
 */
export type LiveRun = {
	pending: PendingRun;
	record: RunRecord;
	handle?: RunHandle;
	timeoutTimer?: unknown;
	cancelReason?: CancelReason;
	progressSavedAt: number;
	/** Handed behind another run and not started yet: it is still queued, as history and the console say. */
	waiting?: FollowingRunHandle;
	/** The run it waits behind, while that one has not ended (see WorkerLines). */
	after?: LiveRun;
	/** The run handed behind this one. */
	follower?: LiveRun;
};

/** What a run waiting behind another is recorded with when it is cancelled before it starts. */
const notStartedMessages: Record<CancelReason, string> = {
	cancel: 'cancelled before it started',
	timeout: 'cancelled before it started',
	replaced: 'replaced by a newer run',
	shutdown: 'not started: the scheduler stopped',
};

export type LiveRunsDeps = {
	runner: Runner;
	clock: Clock;
	logger: EngineLogger;
	paths: RunPaths;
	events: TypedEmitter<EngineEvents>;
	tail: LogTail;
	runWrites: RunWrites;
	/** Where what is told of runs waits while a burst is worked through. */
	news: HeldNews;
	runLogs: RunLogNames;
	timeZone: () => string;
	/** A group's run: its members go through the queue. */
	startGroup: (pending: PendingRun, runId: number, sink: RunSink) => RunHandle;
	say: (level: 'info' | 'warn' | 'error', msg: string, fields: {jobId?: string; runId?: number}) => void;
	/** A slot was freed: start what waits for it. */
	freed: () => void;
	/** A run started on its runner's own (one handed behind another). */
	began: () => void;
	/** A run ended (before listeners hear of it): retries, today's tally. */
	ended: (pending: PendingRun, record: RunRecord) => void;
	changed: () => void;
};

/**
 * The runs in progress, from start to end: the run's log file, the job sent to its runner, progress,
 * timeouts, cancels, and the end recorded and told. The scheduler decides what starts; this keeps
 * what has.
 */
export class LiveRuns {
	private readonly runs = new Map<number, LiveRun>();
	private readonly lines = new WorkerLines();

	constructor(private readonly deps: LiveRunsDeps) {}

	get size(): number {
		return this.runs.size;
	}

	/** Runs handed behind others that have not started. */
	get waitingCount(): number {
		return this.lines.waiting;
	}

	/** The priority of the runs waiting on busy workers, if any wait. */
	get waitingPriority(): PendingRun['job']['priority'] | undefined {
		return this.lines.priority(this.runs.values());
	}

	/** The runs that hold a slot: started ones, and waiting ones with nothing left before them. */
	slotHolders(): PendingRun[] {
		return WorkerLines.slotHolders(this.runs.values());
	}

	/** The last run of each worker that takes more runs behind it, with how many wait there. */
	laneTails(): LineTail[] {
		return WorkerLines.tails(this.runs.values());
	}

	has(runId: number): boolean {
		return this.runs.has(runId);
	}

	get(runId: number): LiveRun | undefined {
		return this.runs.get(runId);
	}

	all(): LiveRun[] {
		return [...this.runs.values()];
	}

	ofJob(jobId: string): LiveRun[] {
		// Asked once per fire: no copy of every live run just to pick this job's.
		const runs: LiveRun[] = [];
		for (const run of this.runs.values()) {
			if (run.pending.job.id === jobId) {
				runs.push(run);
			}
		}

		return runs;
	}

	/** Starts a run: marks it running, opens its log, hands it to its runner, and tells listeners. */
	start(pending: PendingRun): void {
		const now = this.deps.clock.now();
		const group = isGroup(pending);
		const logPath = group ? undefined : pending.logPath ?? this.deps.runLogs.take(runLogDay(now, this.deps.timeZone()));
		this.deps.runWrites.patch(pending.runId, {status: 'running', startedAt: now, logPath});
		const record: RunRecord = {
			id: pending.runId,
			jobId: pending.job.id,
			trigger: pending.trigger,
			status: 'running',
			scheduledAt: pending.scheduledAt,
			startedAt: now,
			attempt: pending.attempt,
			logPath,
			tradeDate: pending.tradeDate,
		};
		const live: LiveRun = {pending, record, progressSavedAt: now};
		this.runs.set(record.id, live);
		const sink = this.sinkFor(live);
		if (group) {
			this.deps.news.tell(() => this.announceStart(record));
			live.handle = this.deps.startGroup(pending, record.id, sink);
		} else {
			// The job is on its way to its worker before the scheduler writes about it.
			live.handle = this.deps.runner.start(this.specOf(pending, logPath!), sink);
			this.deps.news.tell(() => this.announceStart(record));
		}

		this.armTimeout(live);
		void live.handle.done.then(outcome => this.finish(live, outcome));
	}

	/**
	 * Hands a run to the worker of `leader` (the last run there), to start when the runs before it end
	 * without waiting for this thread; it stays queued until then. False where that worker takes no more.
	 */
	handBehind(pending: PendingRun, leader: LiveRun): boolean {
		if (!this.deps.runner.follow || !leader.handle) {
			return false;
		}

		const logPath = pending.logPath ?? this.deps.runLogs.take(runLogDay(this.deps.clock.now(), this.deps.timeZone()));
		pending.logPath = logPath;
		const record: RunRecord = {
			id: pending.runId,
			jobId: pending.job.id,
			trigger: pending.trigger,
			status: 'queued',
			scheduledAt: pending.scheduledAt,
			attempt: pending.attempt,
			logPath,
			tradeDate: pending.tradeDate,
		};
		const live: LiveRun = {pending, record, progressSavedAt: 0};
		const handle = this.deps.runner.follow(leader.handle, this.specOf(pending, logPath), this.sinkFor(live));
		if (!handle) {
			return false;
		}

		live.handle = handle;
		live.waiting = handle;
		this.lines.join(live, leader);
		this.runs.set(record.id, live);
		void handle.done.then(outcome => this.finish(live, outcome));
		return true;
	}

	/** Takes back a run waiting behind another, if it has not started: it leaves the live runs, queued as before. */
	withdraw(live: LiveRun): boolean {
		if (!live.waiting?.withdraw()) {
			return false;
		}

		this.lines.leave(live);
		this.runs.delete(live.record.id);
		return true;
	}

	private specOf(pending: PendingRun, logPath: string): RunSpec {
		return {
			runId: pending.runId,
			jobId: pending.job.id,
			target: pending.job.target,
			params: pending.params,
			scheduledAt: pending.scheduledAt,
			attempt: pending.attempt,
			tradeDate: pending.tradeDate,
			timeZone: pending.job.timezone,
			logPath,
			paths: this.deps.paths,
			maxMemoryMb: pending.job.maxMemoryMb,
			timeoutMs: pending.job.timeoutMs,
		};
	}

	private sinkFor(live: LiveRun): RunSink {
		return {
			progress: (fraction, message) => this.onProgress(live, fraction, message),
			log: (lines: LogLine[]) => this.deps.tail.append(lines),
			notify: (title, body, users) => this.deps.events.emit('job-notify', {jobId: live.record.jobId, runId: live.record.id, title, body, users}),
			started: at => this.began(live, at),
		};
	}

	/** A run that waited behind another started on its worker. */
	private began(live: LiveRun, at: number): void {
		if (!live.waiting || !this.runs.has(live.record.id)) {
			return;
		}

		this.lines.started(live);
		// The worker's instant, on the engine's clock (the same one unless a test holds it).
		const startedAt = this.deps.clock.now() - Math.max(0, Date.now() - at);
		live.record.status = 'running';
		live.record.startedAt = startedAt;
		live.progressSavedAt = startedAt;
		this.deps.runWrites.patch(live.record.id, {status: 'running', startedAt, logPath: live.record.logPath});
		const record = live.record;
		this.deps.news.tell(() => this.announceStart(record));
		this.armTimeout(live);
		this.deps.began();
	}

	private armTimeout(live: LiveRun): void {
		if (live.pending.job.timeoutMs !== undefined) {
			live.timeoutTimer = this.deps.clock.setTimeout(() => this.cancel(live, 'timeout'), live.pending.job.timeoutMs);
		}
	}

	/** Asks a run to stop; its end is recorded as cancelled, timeout or shutdown when it comes. */
	cancel(live: LiveRun, reason: CancelReason): void {
		if (live.cancelReason) {
			return;
		}

		live.cancelReason = reason;
		this.deps.say(reason === 'timeout' ? 'warn' : 'info', `${reason === 'timeout' ? 'timing out' : 'cancelling'} ${live.record.jobId} (run ${live.record.id}${reason === 'replaced' ? ', replaced by a newer run' : ''})`, {jobId: live.record.jobId, runId: live.record.id});
		live.handle?.cancel(reason);
	}

	cancelAll(reason: CancelReason): void {
		for (const live of this.all()) {
			this.cancel(live, reason);
		}
	}

	private announceStart(record: RunRecord): void {
		this.deps.logger.info({jobId: record.jobId, runId: record.id, trigger: record.trigger, attempt: record.attempt, scheduledAt: new Date(record.scheduledAt).toISOString(), logPath: record.logPath}, 'run started');
		this.deps.tail.append([{time: record.startedAt ?? 0, level: 'info', msg: `▶ ${record.jobId} started (run ${record.id}, ${record.trigger}${record.attempt > 1 ? `, attempt ${record.attempt}` : ''})`, jobId: record.jobId, runId: record.id}]);
		this.deps.events.emit('run-started', record);
	}

	private onProgress(live: LiveRun, fraction: number | undefined, message: string | undefined): void {
		if (fraction !== undefined && Number.isFinite(fraction)) {
			live.record.progress = Math.min(Math.max(fraction, 0), 1);
		}

		if (message !== undefined) {
			live.record.message = message;
		}

		const now = this.deps.clock.now();
		if (now - live.progressSavedAt >= progressSaveIntervalMs) {
			live.progressSavedAt = now;
			this.deps.runWrites.patch(live.record.id, {progress: live.record.progress, message: live.record.message});
		}

		this.deps.events.emit('run-progress', {runId: live.record.id, jobId: live.record.jobId, progress: live.record.progress, message: live.record.message});
		this.deps.changed();
	}

	private finish(live: LiveRun, outcome: RunOutcome): void {
		if (live.waiting) {
			this.finishNotStarted(live);
			return;
		}

		this.deps.clock.clearTimeout(live.timeoutTimer);
		this.runs.delete(live.record.id);
		const follower = live.follower;
		this.lines.leave(live);
		// The freed slot goes to the next run first (unless one was already handed behind this one, on
		// its worker), so the bookkeeping below overlaps with that run; listeners still hear of this
		// run's end before the next one's start.
		const toldByNext = follower ? [] : this.deps.news.capture(() => this.deps.freed());
		const now = this.deps.clock.now();
		const record: RunRecord = {
			...live.record,
			status: outcome.status,
			finishedAt: now,
			durationMs: now - (live.record.startedAt ?? now),
			...(outcome.status === 'success' ? {result: outcome.result, progress: live.record.progress === undefined ? undefined : 1} : {error: outcome.error}),
		};
		this.deps.news.tell(() => {
			this.logFinish(record);
			this.deps.ended(live.pending, record);
			this.deps.events.emit('run-finished', record);
			this.deps.changed();
		});
		for (const news of toldByNext) {
			this.deps.news.tell(news);
		}

		// Queued for writing now (so a wait for the run's end waits for the write), written after the news.
		this.deps.runWrites.ended(record);
	}

	/** A run that waited behind another and was cancelled before it started. */
	private finishNotStarted(live: LiveRun): void {
		this.runs.delete(live.record.id);
		const slotHolder = !live.after;
		this.lines.leave(live);
		const now = this.deps.clock.now();
		const record: RunRecord = {...live.record, status: 'cancelled', finishedAt: now, message: notStartedMessages[live.cancelReason ?? 'cancel']};
		this.deps.news.tell(() => {
			this.deps.logger.info({jobId: record.jobId, runId: record.id, status: record.status}, record.message!);
			this.deps.tail.append([{time: now, level: 'info', msg: `■ ${record.jobId} ${record.message} (run ${record.id})`, jobId: record.jobId, runId: record.id}]);
			this.deps.ended(live.pending, record);
			this.deps.events.emit('run-finished', record);
			this.deps.changed();
		});
		this.deps.runWrites.ended(record);
		if (slotHolder) {
			this.deps.freed();
		}
	}

	private logFinish(record: RunRecord): void {
		const fields = {jobId: record.jobId, runId: record.id, status: record.status, durationMs: record.durationMs, attempt: record.attempt, startedAt: new Date(record.startedAt ?? 0).toISOString(), finishedAt: new Date(record.finishedAt ?? 0).toISOString()};
		const failed = failureStatuses.has(record.status);
		if (failed) {
			this.deps.logger.error({...fields, errorType: record.error?.type, errorMessage: record.error?.message, stack: record.error?.stack}, 'run failed');
		} else {
			this.deps.logger.info(fields, 'run finished');
		}

		const summary = record.status === 'success' ? 'succeeded' : `${record.status}${record.error ? `: ${record.error.type}: ${record.error.message}` : ''}`;
		this.deps.tail.append([{time: record.finishedAt ?? 0, level: failed ? 'error' : 'info', msg: `${failed ? '✗' : '■'} ${record.jobId} ${summary} (run ${record.id}, ${record.durationMs ?? 0} ms)`, jobId: record.jobId, runId: record.id}]);
	}
}
