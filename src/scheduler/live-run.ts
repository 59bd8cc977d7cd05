/**
 * A run that has started and not ended, as the live runs keep it, and what they are given: the
 * executor, the recorder, the clock and logger, where run logs go, and the scheduler's callbacks for
 * each step of a run's life.
 */
import type {LogLine} from '../core/log-line.js';
import type {RunRecord} from '../core/run-record.js';
import type {PendingRun} from '../core/run-queue.js';
import type {CancelReason, Executor, RunHandle, RunPaths, RunSink} from '../executors/executor.js';
import type {Clock} from './clock.js';
import type {RunLogNames, SchedulerLogger} from './ports.js';
import type {RunRecorder} from './run-recorder.js';

export type LiveRun = {
	pending: PendingRun;
	record: RunRecord;
	handle?: RunHandle;
	timeoutTimer?: unknown;
	cancelReason?: CancelReason;
	progressSavedAt: number;
	/** The held-back progress note's save when its second is up (live-run-progress.ts); at most one per run. */
	progressSaveTimer?: unknown;
	/** `host:pid` of the worker process it runs on, for a run on another machine. */
	worker?: string;
	/** Ended unfinished, with its next attempt asked for elsewhere (RunOutcome.handedOver). */
	handedOver?: boolean;
	/** Handed to an executor whose start waits on a queue (RunHandle.startsLater), and not begun yet. */
	waiting?: boolean;
	/** Its start on the monotonic clock (Clock.monotonic), so a step of the wall clock does not count in its duration. */
	startedMono?: number;
	/** Taken over from a previous scheduler (LiveRuns.adopt), not handed over by this one. */
	reattached?: boolean;
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
