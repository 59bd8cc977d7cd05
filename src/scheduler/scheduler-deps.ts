/**
 * What a Scheduler is given (bree's habit: the engine takes its store, logger, clock and executor as
 * arguments), and the options of a run asked for through it.
 */
import type {ConfigProblem} from '../config/config-problem.js';
import type {SchedulerConfig} from '../core/job-definition.js';
import type {RunTrigger} from '../core/run-record.js';
import type {Executor, RunPaths} from '../executors/executor.js';
import type {TradingCalendar} from '../market/trading-calendar.js';
import type {SchedulerInfo} from '../protocol/snapshot.js';
import type {Clock} from './clock.js';
import type {WriteTarget} from './history-writes.js';
import type {HistoryPort, RunLogNames, SchedulerLogger} from './ports.js';
import type {WatchStorePort} from './watch-ports.js';

export type SchedulerDeps = {
	config: SchedulerConfig;
	history: HistoryPort & WriteTarget;
	executor: Executor;
	clock: Clock;
	logger: SchedulerLogger;
	calendar: TradingCalendar;
	paths: RunPaths;
	runLogs: RunLogNames;
	info: Pick<SchedulerInfo, 'pid' | 'root' | 'version'>;
	/** Lines kept for the log tail. @default 5000 */
	tailLines?: number;
	/** Start `after:` jobs when their parents succeed (off for a one-off foreground `run`). @default true */
	chains?: boolean;
	/**
	 * Keep retries waiting for their backoff in history, so the next start runs them (off for a one-off
	 * foreground `run`, whose retries end with it). @default true
	 */
	keepRetries?: boolean;
	/**
	 * Keep each job's first sighting and an interval's anchor in history, from which the next start owes it
	 * its fires (off for a one-off foreground `run`, which schedules nothing: the scheduler that first
	 * loads the job counts from its own start). @default true
	 */
	remembersJobs?: boolean;
	/** Warnings the config loaded with. */
	configWarnings?: readonly ConfigProblem[];
	/** Where heartbeat jobs' pings and the deadlines told are kept across restarts (none: in memory only). */
	heartbeats?: WatchStorePort;
};

/**
 * `params`: the params the run is asked for with (`run JOB --param`, the API's, a retry's of its run's),
 * kept with it as given, a value equal to the job's own included; it runs with the job's params and these
 * over them, or with `runParams` whole when given (the job's own retry, a run handed back by a worker:
 * the params it ran with). `backfill`: a chain run (or its retry) that is part of a backfill, owed its
 * turn (see RunSequels). `retryOf`: the run it is the next attempt of, kept with it (retry-runs.ts).
 */
export type SubmitOptions = {trigger?: RunTrigger; params?: Record<string, unknown>; runParams?: Record<string, unknown>; tradeDate?: string; attempt?: number; scheduledAt?: number; backfill?: boolean; retryOf?: number};
