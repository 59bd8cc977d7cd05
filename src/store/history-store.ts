import type {AbandonedRun, HistoryPort, JobState, KeptRetry, OutcomeCounts} from '../scheduler/ports.js';
import type {HistoryQuery} from '../protocol/messages.js';
import type {ProcessIdentity} from '../executors/executor.js';
import type {RunPatch, RunRecord} from '../core/run-record.js';
import {HistoryQueries} from './history-query.js';
import {JobStateStore} from './job-state-store.js';
import type {SqliteDatabase} from './open-database.js';
import {pruneBatchSize, RunPruning} from './run-pruning.js';
import {RunIds} from './run-ids.js';
import {RunReads} from './run-reads.js';
import {RunWrites} from './run-writes.js';
import {SchedulerSettings} from './scheduler-settings.js';
import {WaitingRetryStore} from './waiting-retry-store.js';

/** The parts of the store on one connection, each with its statements prepared once on it. */
type HistoryParts = {
	writes: RunWrites;
	reads: RunReads;
	queries: HistoryQueries;
	states: JobStateStore;
	settings: SchedulerSettings;
	pruning: RunPruning;
	retries: WaitingRetryStore;
};

/**
 * Run history and job state over SQLite, one object for the scheduler and every reader: run writes,
 * run reads, history queries, job state, settings and retention's deletes, each a part of its own.
 */
export class HistoryStore implements HistoryPort {
	/** Kept across a change of connection: ids handed out stay handed out. */
	private readonly ids = new RunIds();
	private parts: HistoryParts;

	constructor(db: SqliteDatabase) {
		this.parts = this.partsOn(db);
	}

	/**
	 * Goes on with another connection (the database file was restored after it was deleted from under
	 * the scheduler): the same statements, prepared on it.
	 */
	reattach(db: SqliteDatabase): void {
		this.parts = this.partsOn(db);
	}

	/** The next free run id (run-ids.ts says how). */
	nextRunId(): number {
		return this.parts.writes.nextRunId();
	}

	/** Writes a run with the id it was given. */
	insertRun(run: RunRecord): void {
		this.parts.writes.insertRun(run);
	}

	/** One transaction; nested, a savepoint (a failed inner write rolls back alone). */
	atomically(work: () => void): void {
		this.parts.writes.atomically(work);
	}

	updateRun(id: number, patch: RunPatch & {process?: ProcessIdentity}): void {
		this.parts.writes.updateRun(id, patch);
	}

	/** Runs left queued or running by a process that died, with the process each ran in. */
	abandonedRuns(): AbandonedRun[] {
		return this.parts.reads.abandonedRuns();
	}

	outcomeCountsSince(since: number): OutcomeCounts {
		return this.parts.reads.outcomeCountsSince(since);
	}

	successesSince(fromTradeDate: string): Array<{jobId: string; tradeDate: string}> {
		return this.parts.reads.successesSince(fromTradeDate);
	}

	retryLinks(limit: number): Array<{runId: number; retryId: number}> {
		return this.parts.reads.retryLinks(limit);
	}

	successesAfter(run: Pick<RunRecord, 'id' | 'jobId' | 'tradeDate'>): RunRecord[] {
		return this.parts.reads.successesAfter(run);
	}

	getRun(id: number): RunRecord | undefined {
		return this.parts.reads.getRun(id);
	}

	getRunProcess(id: number): ProcessIdentity | undefined {
		return this.parts.reads.getRunProcess(id);
	}

	failuresSince(since: number, limit: number): RunRecord[] {
		return this.parts.reads.failuresSince(since, limit);
	}

	lastFinishedRun(jobId: string): RunRecord | undefined {
		return this.parts.reads.lastFinishedRun(jobId);
	}

	lastRunsByJob(jobIds: readonly string[]): Map<string, RunRecord> {
		return this.parts.reads.lastRunsByJob(jobIds);
	}

	/** Newest first, for `history` and the console. */
	query(query: HistoryQuery): RunRecord[] {
		return this.parts.queries.query(query);
	}

	jobStates(): Map<string, JobState> {
		return this.parts.states.jobStates();
	}

	setPaused(jobId: string, paused: boolean): void {
		this.parts.states.setPaused(jobId, paused);
	}

	recordFire(jobId: string, at: number): void {
		this.parts.states.recordFire(jobId, at);
	}

	setIntervalAnchor(jobId: string, at: number): void {
		this.parts.states.setIntervalAnchor(jobId, at);
	}

	schedulerPaused(): boolean {
		return this.parts.settings.schedulerPaused();
	}

	setSchedulerPaused(paused: boolean): void {
		this.parts.settings.setSchedulerPaused(paused);
	}

	/** Next attempts waiting for their backoff, kept across restarts (waiting-retry-store.ts), soonest first. */
	waitingRetries(): KeptRetry[] {
		return this.parts.retries.waitingRetries();
	}

	keepWaitingRetry(retry: KeptRetry): void {
		this.parts.retries.keepWaitingRetry(retry);
	}

	forgetWaitingRetry(runId: number): void {
		this.parts.retries.forgetWaitingRetry(runId);
	}

	/** A scheduler-wide setting kept across restarts (a service's hold…), as text. */
	setting(key: string): string | undefined {
		return this.parts.settings.setting(key);
	}

	/** Keeps `value` under `key`; undefined removes it. */
	setSetting(key: string, value: string | undefined): void {
		this.parts.settings.setSetting(key, value);
	}

	/** The settings' keys that start with `prefix`. */
	settingKeys(prefix: string): string[] {
		return this.parts.settings.settingKeys(prefix);
	}

	/** One batch of retention's deletes, with the deleted runs' log paths (RunPruning.pruneBefore). */
	pruneBefore(cutoff: number, batchSize = pruneBatchSize): {deleted: number; logPaths: string[]} {
		return this.parts.pruning.pruneBefore(cutoff, batchSize);
	}

	/** One batch of retention's deletes of alert deliveries that belong to no run (RunPruning.pruneRunlessDeliveriesBefore). */
	pruneRunlessDeliveriesBefore(cutoff: number, batchSize = pruneBatchSize): number {
		return this.parts.pruning.pruneRunlessDeliveriesBefore(cutoff, batchSize);
	}

	private partsOn(db: SqliteDatabase): HistoryParts {
		return {
			writes: new RunWrites(db, this.ids),
			reads: new RunReads(db),
			queries: new HistoryQueries(db),
			states: new JobStateStore(db),
			settings: new SchedulerSettings(db),
			pruning: new RunPruning(db),
			retries: new WaitingRetryStore(db),
		};
	}
}
