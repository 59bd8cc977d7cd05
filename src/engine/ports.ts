import type {JobTarget} from '../core/job-definition.js';
import type {NewRun, RunError, RunPatch, RunRecord, RunStatus} from '../core/run-record.js';

/** Time as the engine sees it; tests inject a fake one. */
export type Clock = {
	now(): number;
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
	/**
	 * Holds the thread until `at` (a few milliseconds away at most), without spinning: a timer goes off
	 * on the event loop's millisecond tick, up to two late; this comes within a fraction of one.
	 */
	holdUntil?(at: number): void;
};

const holdCell = new Int32Array(new SharedArrayBuffer(4));
/**
 * The longest hold. The precise clock (performance.timeOrigin + now) can part from Date.now() when the
 * wall clock is stepped or slewed after start; a hold never lasts longer than this whatever they say.
 */
const maxHoldMs = 4;

export const systemClock: Clock = {
	now: () => Date.now(),
	setTimeout: (callback, ms) => setTimeout(callback, ms),
	clearTimeout: handle => clearTimeout(handle as NodeJS.Timeout),
	holdUntil(at) {
		const ms = Math.min(at - (performance.timeOrigin + performance.now()), at - Date.now() + 1, maxHoldMs);
		if (ms > 0) {
			// Nothing ever notifies this cell: the wait is a sleep with a sub-millisecond timeout.
			Atomics.wait(holdCell, 0, 0, ms);
		}
	},
};

export type JobState = {paused: boolean; lastFireAt?: number; intervalAnchor?: number};

export type HistoryQuery = {
	jobId?: string;
	status?: RunStatus;
	since?: number;
	limit?: number;
};

/** Everything the engine keeps; implemented over SQLite in src/store. */
export type RunStore = {
	createRun(run: NewRun): RunRecord;
	updateRun(id: number, patch: RunPatch): void;
	getRun(id: number): RunRecord | undefined;
	/** Allocates the run's number for the day, for its log file name. */
	nextRunNumber(day: string): number;
	/** Marks every `running`/`queued` row left by a dead process; returns them. */
	interruptAbandonedRuns(now: number): RunRecord[];
	/** Id and status of every run scheduled since `since`. */
	runOutcomesSince(since: number): Array<{id: number; status: RunStatus}>;
	/** Failed, timed-out and interrupted runs scheduled since `since`, whole (stacks included). */
	failuresSince(since: number): RunRecord[];
	lastFinishedRun(jobId: string): RunRecord | undefined;
	lastRunsByJob(jobIds: readonly string[]): Map<string, RunRecord>;
	jobStates(): Map<string, JobState>;
	setPaused(jobId: string, paused: boolean): void;
	recordFire(jobId: string, at: number): void;
	setIntervalAnchor(jobId: string, at: number): void;
	/** Runs `work` as one transaction: one commit for a second's worth of fires instead of one per statement. */
	batch<T>(work: () => T): T;
	/** Successful runs of these jobs for a trading day. */
	succeededFor(jobIds: readonly string[], tradeDate: string): Set<string>;
};

/** Names each run's log file (`logs/jobs/<YYYYMMDD>_<NNN>.log`); the file may already exist, empty, made ahead of time. */
export type RunLogNames = {
	take(day: string): string;
};

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/** One line for the log tail. */
export type LogLine = {time: number; level: LogLevel; msg: string; jobId?: string; runId?: number};

/** The subset of a pino logger the engine uses. */
export type EngineLogger = {
	info(fields: Record<string, unknown>, message: string): void;
	warn(fields: Record<string, unknown>, message: string): void;
	error(fields: Record<string, unknown>, message: string): void;
};

/** What a runner needs to start one run. */
export type RunSpec = {
	runId: number;
	jobId: string;
	target: JobTarget;
	params: Record<string, unknown>;
	scheduledAt: number;
	attempt: number;
	tradeDate?: string;
	timeZone: string;
	logPath: string;
	paths: RunPaths;
	maxMemoryMb?: number;
	/** For the timeout message; the engine enforces it. */
	timeoutMs?: number;
};

export type RunPaths = {root: string; data: string; processed: string; features: string; reports: string; logs: string};

export type RunOutcome =
	| {status: 'success'; result?: unknown}
	| {status: 'cancelled'; error: RunError; notStarted?: boolean}
	| {status: Exclude<RunStatus, 'success' | 'queued' | 'running' | 'skipped' | 'cancelled'>; error: RunError};

/** Where a live run reports while it runs. */
export type RunSink = {
	progress(fraction: number | undefined, message: string | undefined): void;
	log(lines: LogLine[]): void;
	notify?(title: string, body: string, users?: string[]): void;
	/** A run handed behind another (Runner.follow) started, at this instant. */
	started?(at: number): void;
};

export type CancelReason = 'cancel' | 'timeout' | 'replaced' | 'shutdown';

export type RunHandle = {
	/** Settles with the outcome; never rejects. */
	done: Promise<RunOutcome>;
	cancel(reason: CancelReason): void;
};

/** A run handed behind another: until it starts, it can be taken back. */
export type FollowingRunHandle = RunHandle & {
	/** Takes the run back if it has not started (true): it never will, and `done` never settles. */
	withdraw(): boolean;
};

export type Runner = {
	start(spec: RunSpec, sink: RunSink): RunHandle;
	/**
	 * Hands a run to the worker of `after` (a run still going), to start the moment the runs handed
	 * there before it end, without waiting for the scheduler's thread; undefined where that worker
	 * takes no more (not a module run, or one with limits of its own, or one being stopped).
	 */
	follow?(after: RunHandle, spec: RunSpec, sink: RunSink): FollowingRunHandle | undefined;
	close(): Promise<void>;
};
