/**
 * The runs that have started and not ended: each handed to its executor with a sink for its progress
 * and lines, its timeout armed, its cancel carried out, and its end recorded and told. The scheduler
 * decides what starts; this keeps what has.
 */
import type {LogLine} from '../core/log-line.js';
import type {RunRecord} from '../core/run-record.js';
import {isGroup, type PendingRun} from '../core/run-queue.js';
import type {CancelReason, Executor, RunHandle, RunOutcome, RunPaths, RunSink} from '../executors/executor.js';
import type {Clock} from './clock.js';
import type {RunLogNames, SchedulerLogger} from './ports.js';
import {endOf, logRunEnd} from './run-end.js';
import type {RunRecorder} from './run-recorder.js';

/** Progress is written to history at most this often per run (and always at the end). */
const progressSaveIntervalMs = 1000;

export type LiveRun = {
	pending: PendingRun;
	record: RunRecord;
	handle?: RunHandle;
	timeoutTimer?: unknown;
	cancelReason?: CancelReason;
	progressSavedAt: number;
	/** `host:pid` of the worker process it runs on, for a run on another machine. */
	worker?: string;
	/** Ended unfinished, with its next attempt asked for elsewhere (RunOutcome.handedOver). */
	handedOver?: boolean;
	/** Handed to an executor whose start waits on a queue (RunHandle.startsLater), and not begun yet. */
	waiting?: boolean;
};

export type LiveRunsDeps = {
	executor: Executor;
	recorder: RunRecorder;
	clock: Clock;
	logger: SchedulerLogger;
	paths: RunPaths;
	runLogs: RunLogNames;
	/** A group's run: its members go through the queue. */
	startGroup(run: LiveRun, sink: RunSink): RunHandle;
	tail(lines: LogLine[]): void;
	started(live: LiveRun): void;
	progressed(live: LiveRun): void;
	notify(live: LiveRun, title: string, body: string, users?: string[]): void;
	/** Run logs cannot be written (a full or read-only disk, logs/ not a folder), or can again (undefined). */
	runLogsProblem(problem: string | undefined): void;
	/** A run ended and its end is recorded: free its slot, retry, chain, tell. */
	ended(live: LiveRun): void;
	/** Fires what is due before a run's news is handled, so a thread busy with runs does not hold fires back. */
	firesFirst(): void;
};

export class LiveRuns {
	private readonly runs = new Map<number, LiveRun>();
	private slotsTakenCount = 0;
	/** The last run log could not be created (its notice stands until one can). */
	private takeFailed = false;

	constructor(private readonly deps: LiveRunsDeps) {}

	get size(): number {
		return this.runs.size;
	}

	/** Runs that take a slot of `max_parallel` (all but groups, which do no work of their own). */
	get slotsTaken(): number {
		return this.slotsTakenCount;
	}

	get(runId: number): LiveRun | undefined {
		return this.runs.get(runId);
	}

	all(): LiveRun[] {
		return [...this.runs.values()];
	}

	pendingRuns(): PendingRun[] {
		return this.all().map(live => live.pending);
	}

	ofJob(jobId: string): LiveRun[] {
		return this.all().filter(live => live.pending.job.id === jobId);
	}

	/** Starts a queued run: its log file, `running` in history, then its executor. */
	start(pending: PendingRun, record: RunRecord): void {
		const now = this.deps.clock.now();
		const live: LiveRun = {pending, record, progressSavedAt: now};
		this.add(live);
		const group = isGroup(pending);
		let logPath: string | undefined;
		if (!group) {
			try {
				logPath = this.deps.runLogs.take(now);
				if (this.takeFailed) {
					// Created again; whether lines go in is the executor's to say (sink.logTrouble).
					this.takeFailed = false;
					this.deps.runLogsProblem(undefined);
				}
			} catch (error) {
				const message = (error as Error).message;
				this.takeFailed = true;
				this.deps.runLogsProblem(`runs fail: ${message}`);
				this.deps.recorder.move(record, 'failed', {finishedAt: now, durationMs: 0, error: {type: 'RunLogUnavailable', message}});
				this.end(live);
				return;
			}
		}

		this.deps.recorder.move(record, 'running', {startedAt: now, logPath});
		this.deps.started(live);
		const sink = this.sinkFor(live);
		const target = pending.job.target;
		live.handle = target.kind === 'group'
			? this.deps.startGroup(live, sink)
			: this.deps.executor.start({
				runId: record.id,
				jobId: pending.job.id,
				target,
				params: pending.params,
				scheduledAt: pending.scheduledAt,
				attempt: pending.attempt,
				trigger: pending.trigger,
				tradeDate: pending.tradeDate,
				timeZone: pending.job.timezone,
				logPath: logPath!,
				paths: this.deps.paths,
				timeoutMs: pending.job.timeoutMs,
				maxMemoryMb: pending.job.maxMemoryMb,
			}, sink);
		if (live.handle.startsLater && live.record.status === 'running' && live.waiting === undefined) {
			this.deps.recorder.note(record, {startedAt: undefined});
			this.followUntilStarted(live);
			return;
		}

		this.follow(live, pending.job.timeoutMs);
	}

	/**
	 * Takes over a run a previous scheduler left going elsewhere (see AdoptRun): live again with the
	 * handle `start` gives, its timeout counted from its recorded start.
	 */
	adopt(pending: PendingRun, record: RunRecord, start: (sink: RunSink) => RunHandle): void {
		const now = this.deps.clock.now();
		const live: LiveRun = {pending, record, progressSavedAt: now};
		this.add(live);
		this.deps.started(live);
		live.handle = start(this.sinkFor(live));
		if (live.handle.startsLater && record.startedAt === undefined) {
			this.followUntilStarted(live); // Still waiting for a worker, as it was under the previous scheduler.
			return;
		}

		const timeoutMs = pending.job.timeoutMs;
		this.follow(live, timeoutMs === undefined ? undefined : Math.max(0, timeoutMs - (now - (record.startedAt ?? now))));
	}

	/**
	 * Lets go of the runs whose handles can outlive this process (runs on workers), unrecorded: their
	 * rows stay `running` for the next scheduler to adopt. Returns them.
	 */
	detachAll(): LiveRun[] {
		const detached = this.all().filter(live => live.handle?.detach && !live.cancelReason);
		for (const live of detached) {
			this.deps.clock.clearTimeout(live.timeoutTimer);
			this.remove(live);
			live.handle!.detach!();
		}

		return detached;
	}

	/** Asks a run to stop; its end is recorded as cancelled or timeout when it comes. */
	cancel(live: LiveRun, reason: CancelReason): void {
		if (live.cancelReason || !this.runs.has(live.record.id)) {
			return;
		}

		live.cancelReason = reason;
		const what = reason === 'timeout' ? `timing out (timeout ${Math.round((live.pending.job.timeoutMs ?? 0) / 1000)} s)` : (reason === 'replaced' ? 'replacing with a newer run' : 'cancelling');
		this.say(live, reason === 'timeout' ? 'warn' : 'info', `${live.record.jobId}: ${what} (run ${live.record.id})`);
		live.handle?.cancel(reason);
	}

	cancelAll(reason: CancelReason): void {
		for (const live of this.all()) {
			this.cancel(live, reason);
		}
	}

	/** Waiting for a worker: not started yet; its timeout is set when it starts (sinkFor's `started`). */
	private followUntilStarted(live: LiveRun): void {
		live.waiting = true;
		void live.handle!.done.then(outcome => this.finish(live, outcome));
	}

	private follow(live: LiveRun, timeoutMs: number | undefined): void {
		if (timeoutMs !== undefined) {
			live.timeoutTimer = this.deps.clock.setTimeout(() => this.cancel(live, 'timeout'), timeoutMs);
		}

		void live.handle!.done.then(outcome => this.finish(live, outcome));
	}

	private sinkFor(live: LiveRun): RunSink {
		return {
			started: (at, process, worker) => {
				this.deps.firesFirst();
				// The job's code began now: that, not the hand-over, is the run's start.
				this.deps.recorder.note(live.record, {startedAt: at, process, worker});
				const wasWaiting = live.waiting === true;
				if (wasWaiting) {
					live.waiting = false;
					const {timeoutMs} = live.pending.job;
					if (timeoutMs !== undefined && this.runs.has(live.record.id)) {
						live.timeoutTimer = this.deps.clock.setTimeout(() => this.cancel(live, 'timeout'), Math.max(0, timeoutMs - (this.deps.clock.now() - at)));
					}
				}

				const movedWorker = worker !== undefined && worker !== live.worker;
				if (movedWorker) {
					live.worker = worker;
				}

				if (wasWaiting || movedWorker) {
					this.deps.progressed(live); // Clients see it running, and where.
				}
			},
			progress: (fraction, message) => {
				this.deps.firesFirst();
				this.onProgress(live, fraction, message);
			},
			log: lines => {
				this.deps.firesFirst();
				this.deps.tail(lines);
			},
			notify: (title, body, users) => this.deps.notify(live, title, body, users),
			logTrouble: trouble => this.deps.runLogsProblem(trouble),
		};
	}

	private onProgress(live: LiveRun, fraction: number | undefined, message: string | undefined): void {
		if (!this.runs.has(live.record.id)) {
			return;
		}

		const patch: {progress?: number; message?: string} = {};
		if (fraction !== undefined && Number.isFinite(fraction)) {
			patch.progress = Math.min(Math.max(fraction, 0), 1);
		}

		if (typeof message === 'string') {
			patch.message = message;
		}

		const now = this.deps.clock.now();
		const save = now - live.progressSavedAt >= progressSaveIntervalMs;
		if (save) {
			live.progressSavedAt = now;
		}

		this.deps.recorder.note(live.record, {...patch}, save);
		this.deps.progressed(live);
	}

	private finish(live: LiveRun, outcome: RunOutcome): void {
		if (!this.runs.has(live.record.id)) {
			return;
		}

		this.deps.firesFirst();
		this.deps.clock.clearTimeout(live.timeoutTimer);
		const now = this.deps.clock.now();
		const record = live.record;
		const {status, patch} = endOf(record, outcome, now, live.waiting === true, live.cancelReason);
		this.deps.recorder.move(record, status, patch);
		live.handedOver = outcome.status !== 'success' && outcome.handedOver === true;
		this.deps.tail([logRunEnd(record, this.deps.logger, now)]);
		this.end(live);
	}

	private add(live: LiveRun): void {
		this.runs.set(live.record.id, live);
		this.slotsTakenCount += isGroup(live.pending) ? 0 : 1;
	}

	private remove(live: LiveRun): void {
		if (this.runs.delete(live.record.id)) {
			this.slotsTakenCount -= isGroup(live.pending) ? 0 : 1;
		}
	}

	private end(live: LiveRun): void {
		this.remove(live);
		this.deps.ended(live);
	}

	private say(live: LiveRun, level: 'info' | 'warn', msg: string): void {
		this.deps.logger[level]({jobId: live.record.jobId, runId: live.record.id}, msg);
		this.deps.tail([{time: this.deps.clock.now(), level, msg, jobId: live.record.jobId, runId: live.record.id}]);
	}
}
