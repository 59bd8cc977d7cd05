import type {LogLine} from '../core/log-line.js';
import type {RunError} from '../core/run-record.js';
import type {CancelReason, RunPaths} from './executor.js';

/** A job worker's `workerData`. */
export type WorkerSettings = {
	/** A worker whose heap holds more than this after a run is replaced, not reused. */
	reuseHeapLimitMb: number;
};

/** One run handed to a job worker. */
export type WorkerJob = {
	/** What the worker imports: the job's bundle, or its JavaScript source. */
	modulePath: string;
	/** The job's module as configured (jobs/x.ts), for what the run says. */
	sourcePath: string;
	jobId: string;
	runId: number;
	params: Record<string, unknown>;
	scheduledAt: number;
	attempt: number;
	tradeDate?: string;
	paths: RunPaths;
	/** The run log, opened (and closed) by the executor in this process; the worker appends to it. */
	logFd: number;
	/** Put into the worker's process.env for the run (and taken out after): the run's mark, for the processes the job starts. */
	environment: Record<string, string>;
};

/** What the executor sends a job worker. */
export type ToWorker =
	| {type: 'run'; job: WorkerJob}
	| {type: 'abort'; runId: number; reason: CancelReason};

/** Why a worker must not be reused, as the worker saw it after a run (empty: it may be). */
export type WorkerLeftovers = string[];

/** What a job worker reports. */
export type FromWorker =
	| {type: 'ready'}
	| {type: 'started'; runId: number; at: number}
	| {type: 'progress'; runId: number; fraction?: number; message?: string}
	| {type: 'log'; runId: number; lines: LogLine[]}
	| {type: 'notify'; runId: number; title: string; body: string; users?: string[]}
	| ({
		type: 'done';
		runId: number;
		/** The run's last lines for the tail, with its end: one message, one wake-up of the executor's thread. */
		lines: LogLine[];
		lostLines: number;
		/** The first write error of the run log. */
		logProblem?: {code?: string; message: string};
		leftovers: WorkerLeftovers;
		/** The job module file's modification time when it was loaded (a later change means a fresh worker). */
		moduleMtimeMs?: number;
	} & ({ok: true; result: unknown; notes: string[]} | {ok: false; error: RunError}));
