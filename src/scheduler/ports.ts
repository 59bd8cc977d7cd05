/** What the scheduler is given: storage, logging and the names of run logs. Implemented in src/store and src/host. */
import type {NewRun, RunPatch, RunRecord} from '../core/run-record.js';
import type {ProcessIdentity} from '../executors/executor.js';

export type JobState = {paused: boolean; lastFireAt?: number; intervalAnchor?: number};

/** A run row with the process it ran in, for ending leftovers after a crash. */
export type AbandonedRun = RunRecord & {process?: ProcessIdentity};

/**
 * History as the scheduler uses it. Reads happen at start, at a reload and at midnight; writes go
 * through HistoryWrites, which keeps them in order and retries them while the database is locked or
 * the disk is full, so a write never holds up a fire.
 */
export type HistoryPort = {
	/** The next free run id. Ids are handed out ahead of the rows, so a run can be queued while writes wait. */
	nextRunId(): number;
	insertRun(run: RunRecord): void;
	updateRun(id: number, patch: RunPatch & {process?: ProcessIdentity}): void;
	getRun(id: number): RunRecord | undefined;
	/** Runs left `queued` or `running` by a process that died, with the processes they ran in. */
	abandonedRuns(): AbandonedRun[];
	/** Ended runs (not skipped) scheduled since `since`, by outcome. */
	outcomeCountsSince(since: number): {runs: number; succeeded: number; failed: number};
	failuresSince(since: number): RunRecord[];
	lastRunsByJob(jobIds: readonly string[]): Map<string, RunRecord>;
	/** (job, trade date) pairs of successful runs for trading days on or after `fromTradeDate`. */
	successesSince(fromTradeDate: string): Array<{jobId: string; tradeDate: string}>;
	jobStates(): Map<string, JobState>;
	setPaused(jobId: string, paused: boolean): void;
	recordFire(jobId: string, at: number): void;
	setIntervalAnchor(jobId: string, at: number): void;
	/** The whole scheduler's pause, kept across restarts. */
	schedulerPaused(): boolean;
	setSchedulerPaused(paused: boolean): void;
};

export type NewRunRecord = NewRun;

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
