/** What the scheduler is given: storage, logging and the names of run logs. Implemented in src/store and src/host. */
import type {JobDefinition} from '../core/job-definition.js';
import type {NewRun, RunPatch, RunRecord} from '../core/run-record.js';
import type {ProcessIdentity, RunHandle, RunSink} from '../executors/executor.js';

/** A job's kept state; `paused` is the operator's pause or resume, absent while jobs.yaml's `paused:` holds. */
export type JobState = {paused?: boolean; lastFireAt?: number; intervalAnchor?: number};

/** A run row with the process it ran in, for ending leftovers after a crash. */
export type AbandonedRun = RunRecord & {process?: ProcessIdentity};

/**
 * A failed run's next attempt waiting for its job's retry backoff, as kept across restarts: `runId` the
 * run it follows, `at` when it is due; `held`: the job was paused or disabled, or the scheduler paused, when it was armed.
 */
export type KeptRetry = {runId: number; jobId: string; attempt: number; of: number; at: number; backfill?: boolean; held?: boolean};

/** Ended job runs by outcome (`TodayStats` without its day). */
export type OutcomeCounts = {runs: number; succeeded: number; failed: number; cancelled: number};

/**
 * History as the scheduler uses it. Reads happen at start, at a reload and at midnight; writes go
 * through HistoryWrites, which keeps them in order and retries them while the database is locked or
 * the disk is full, so a write never holds up a fire.
 */
export type HistoryPort = {
	/** The next free run id. Ids are handed out ahead of the rows, so a run can be queued while writes wait. */
	nextRunId(): number;
	insertRun(run: RunRecord): void;
	updateRun(id: number, patch: RunPatch & {process?: ProcessIdentity; /** `host:pid` of the worker that runs it. */ worker?: string}): void;
	getRun(id: number): RunRecord | undefined;
	/** Runs left `queued` or `running` by a process that died, with the processes they ran in. */
	abandonedRuns(): AbandonedRun[];
	/** Ended job runs (not skipped) scheduled since `since`, by outcome; services' starts are not counted. */
	outcomeCountsSince(since: number): OutcomeCounts;
	/**
	 * The newest `limit` failures (by end) of the runs scheduled since `since` and of those of any
	 * earlier day that ended since `since`, newest first.
	 */
	failuresSince(since: number, limit: number): RunRecord[];
	lastRunsByJob(jobIds: readonly string[]): Map<string, RunRecord>;
	/** (job, trade date) pairs of successful runs for trading days on or after `fromTradeDate`. */
	successesSince(fromTradeDate: string): Array<{jobId: string; tradeDate: string}>;
	/**
	 * The successful runs of `run`'s job for its trade date asked for after it, oldest first: one a one-off
	 * `sage-console run` made while no scheduler ran may have done a kept retry's work (retry-made-needless.ts).
	 */
	successesAfter(run: Pick<RunRecord, 'id' | 'jobId' | 'tradeDate'>): RunRecord[];
	/** The newest `limit` links of a retry to the run it is the next attempt of, oldest first. */
	retryLinks(limit: number): Array<{runId: number; retryId: number}>;
	jobStates(): Map<string, JobState>;
	setPaused(jobId: string, paused: boolean): void;
	recordFire(jobId: string, at: number): void;
	setIntervalAnchor(jobId: string, at: number): void;
	/** The whole scheduler's pause, kept across restarts. */
	schedulerPaused(): boolean;
	setSchedulerPaused(paused: boolean): void;
	/** Next attempts waiting for their backoff, kept across restarts, soonest first. */
	waitingRetries(): KeptRetry[];
	keepWaitingRetry(retry: KeptRetry): void;
	forgetWaitingRetry(runId: number): void;
};

export type NewRunRecord = NewRun;

/**
 * Takes over a run a dead scheduler left `running` somewhere that outlived it (a worker on another
 * machine) instead of marking it interrupted: `start` gives its live handle, reporting to `sink` as
 * an executor's run does; `params` are the run's own (else the job's). Undefined: not adoptable.
 */
export type AdoptRun = (run: AbandonedRun, job: JobDefinition) => {start(sink: RunSink): RunHandle; params?: Record<string, unknown>} | undefined;

/** The subset of a pino logger the scheduler uses. */
export type SchedulerLogger = {
	info(fields: Record<string, unknown>, message: string): void;
	warn(fields: Record<string, unknown>, message: string): void;
	error(fields: Record<string, unknown>, message: string): void;
};

/** Names (and creates, empty) each run's log file: `logs/jobs/<YYYYMMDD>_<NNN>.log`. */
export type RunLogNames = {
	/** @throws an error naming the path and the cause when the file cannot be created */
	take(startedAt: number): string;
};
