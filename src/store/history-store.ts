import type {AbandonedRun, HistoryPort, JobState} from '../scheduler/ports.js';
import type {HistoryQuery} from '../protocol/messages.js';
import type {ProcessIdentity} from '../executors/executor.js';
import type {RunPatch, RunRecord} from '../core/run-record.js';
import {HistoryQueries} from './history-query.js';
import {JobStateStore} from './job-state-store.js';
import type {SqliteDatabase} from './open-database.js';
import {pruneBatchSize, RunPruning} from './run-pruning.js';
import {RunReads} from './run-reads.js';
import {RunWrites} from './run-writes.js';
import {SchedulerSettings} from './scheduler-settings.js';

/**
 * Run history and job state over SQLite, one object for the scheduler and every reader: each part
 * (run writes, run reads, history queries, job state, settings, retention's deletes) prepares its
 * statements once per connection.
 */
export class HistoryStore implements HistoryPort {
	private readonly writes: RunWrites;
	private readonly reads: RunReads;
	private readonly queries: HistoryQueries;
	private readonly states: JobStateStore;
	private readonly settings: SchedulerSettings;
	private readonly pruning: RunPruning;

	constructor(db: SqliteDatabase) {
		this.writes = new RunWrites(db);
		this.reads = new RunReads(db);
		this.queries = new HistoryQueries(db);
		this.states = new JobStateStore(db);
		this.settings = new SchedulerSettings(db);
		this.pruning = new RunPruning(db);
	}

	/**
	 * Goes on with another connection (the database file was restored after it was deleted from under
	 * the scheduler): the same statements, prepared on it.
	 */
	reattach(db: SqliteDatabase): void {
		for (const part of [this.writes, this.reads, this.queries, this.states, this.settings, this.pruning]) {
			part.reattach(db);
		}
	}

	/** The next free run id (RunWrites.nextRunId). */
	nextRunId(): number {
		return this.writes.nextRunId();
	}

	/** Writes a run with the id it was given. */
	insertRun(run: RunRecord): void {
		this.writes.insertRun(run);
	}

	/** One transaction; nested, a savepoint (a failed inner write rolls back alone). */
	atomically(work: () => void): void {
		this.writes.atomically(work);
	}

	updateRun(id: number, patch: RunPatch & {process?: ProcessIdentity}): void {
		this.writes.updateRun(id, patch);
	}

	/** Runs left queued or running by a process that died, with the process each ran in. */
	abandonedRuns(): AbandonedRun[] {
		return this.reads.abandonedRuns();
	}

	outcomeCountsSince(since: number): {runs: number; succeeded: number; failed: number} {
		return this.reads.outcomeCountsSince(since);
	}

	successesSince(fromTradeDate: string): Array<{jobId: string; tradeDate: string}> {
		return this.reads.successesSince(fromTradeDate);
	}

	getRun(id: number): RunRecord | undefined {
		return this.reads.getRun(id);
	}

	failuresSince(since: number): RunRecord[] {
		return this.reads.failuresSince(since);
	}

	lastFinishedRun(jobId: string): RunRecord | undefined {
		return this.reads.lastFinishedRun(jobId);
	}

	lastRunsByJob(jobIds: readonly string[]): Map<string, RunRecord> {
		return this.reads.lastRunsByJob(jobIds);
	}

	/** Newest first, for `history` and the console. */
	query(query: HistoryQuery): RunRecord[] {
		return this.queries.query(query);
	}

	jobStates(): Map<string, JobState> {
		return this.states.jobStates();
	}

	setPaused(jobId: string, paused: boolean): void {
		this.states.setPaused(jobId, paused);
	}

	recordFire(jobId: string, at: number): void {
		this.states.recordFire(jobId, at);
	}

	setIntervalAnchor(jobId: string, at: number): void {
		this.states.setIntervalAnchor(jobId, at);
	}

	schedulerPaused(): boolean {
		return this.settings.schedulerPaused();
	}

	setSchedulerPaused(paused: boolean): void {
		this.settings.setSchedulerPaused(paused);
	}

	/** A scheduler-wide setting kept across restarts (a service's hold…), as text. */
	setting(key: string): string | undefined {
		return this.settings.setting(key);
	}

	/** Keeps `value` under `key`; undefined removes it. */
	setSetting(key: string, value: string | undefined): void {
		this.settings.setSetting(key, value);
	}

	/** One batch of retention's deletes, with the deleted runs' log paths (RunPruning.pruneBefore). */
	pruneBefore(cutoff: number, batchSize = pruneBatchSize): {deleted: number; logPaths: string[]} {
		return this.pruning.pruneBefore(cutoff, batchSize);
	}
}
