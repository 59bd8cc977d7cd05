/**
 * How a run is carried out, whatever carries it: a module in a worker thread, a command in a child
 * process, or a worker on another machine (src/remote). The scheduler decides *when* a run starts and
 * records what happened; an executor only runs it, reports while it runs, and settles one outcome.
 */
import type {JobTarget} from '../core/job-definition.js';
import type {LogLine} from '../core/log-line.js';
import type {RunError, RunStatus, RunTrigger} from '../core/run-record.js';

/** Folders a run may write to (the job's `ctx.paths`). */
export type RunPaths = {root: string; data: string; processed: string; features: string; reports: string; logs: string};

/** Everything an executor needs to start one run. */
export type RunSpec = {
	runId: number;
	jobId: string;
	/** A module or a command (groups never reach an executor). */
	target: Exclude<JobTarget, {kind: 'group'}>;
	params: Record<string, unknown>;
	scheduledAt: number;
	attempt: number;
	/** What asked for it (a remote run's queue id is the fire's own for `schedule` and `catch-up`). */
	trigger?: RunTrigger;
	tradeDate?: string;
	/** The job's time zone, for `{date}` placeholders. */
	timeZone: string;
	/** `logs/jobs/<YYYYMMDD>_<NNN>.log`; the executor creates and writes it. */
	logPath: string;
	paths: RunPaths;
	/** For the timeout message; the scheduler enforces it by cancelling with reason `timeout`. */
	timeoutMs?: number;
	/** Heap cap of a module run, MiB. */
	maxMemoryMb?: number;
};

/** The OS identity of a run's process, recorded so a later start can find (and end) it, never a reused pid. */
export type ProcessIdentity = {pid: number; pgid?: number; /** /proc/PID/stat field 22 (clock ticks since boot). */ startTicks?: number};

/** Where a live run reports. Every call is cheap and never throws. */
export type RunSink = {
	/**
	 * The run's code is about to run (its process identity, when it has a process of its own on this
	 * machine; `worker`, `host:pid` of the worker process, when it runs on another).
	 */
	started(at: number, process?: ProcessIdentity, worker?: string): void;
	progress(fraction: number | undefined, message: string | undefined): void;
	log(lines: LogLine[]): void;
	notify(title: string, body: string, users?: string[]): void;
	/**
	 * The run's log file refuses writes (`trouble` says where and why, for a standing notice), or takes
	 * them again (undefined). Told when it changes, and again at the end of a run whose log lost lines.
	 */
	logTrouble?(trouble: string | undefined): void;
};

export type CancelReason = 'cancel' | 'timeout' | 'replaced' | 'shutdown';

/**
 * How a run ended. A failed job is data: `done` never rejects. `endedAt`: when it ended where it ran,
 * told with its end by a worker on another machine, whose news may come late (Redis was away, or the
 * scheduler was stopped); absent, it ended when its outcome settles.
 */
export type RunOutcome = ({
	status: 'success'; result?: unknown; /** What normalising the result dropped (BigInt, cycles, functions…). */ notes?: string[];
}
	| {
		status: Exclude<RunStatus, 'success' | 'queued' | 'running' | 'skipped'>;
		error: RunError;
		/** What else went wrong on the side (run log lines lost…). */
		notes?: string[];
		/** It did not finish where it ran and its next attempt is asked for (a run given back by a lost or stopping worker): not a final failure. */
		handedOver?: true;
	}) & {endedAt?: number};

export type RunHandle = {
	/** Settles exactly once with the outcome; never rejects. */
	done: Promise<RunOutcome>;
	/**
	 * Its start waits on a queue (a run on workers): it has begun only once `sink.started` says so, and
	 * its timeout counts from then. A run that ends before that never started (no start, no duration).
	 */
	startsLater?: true;
	/** Asks the run to stop; it settles as `timeout` (reason timeout) or `cancelled` (any other reason). */
	cancel(reason: CancelReason): void;
	/**
	 * Takes back a run whose start waits on a queue (`startsLater`) if nothing has taken it yet: it
	 * settles as `cancelled` with `message`. A run already taken goes on, as if never asked. Absent: a
	 * run that begins at once. @returns whether it was taken back
	 */
	withdraw?(message: string): Promise<boolean>;
	/**
	 * Lets the run go on without this process, which is stopping: a run on a worker keeps running there
	 * and the next scheduler re-attaches to it. `done` then never settles. Absent: the run cannot outlive us.
	 */
	detach?(): void;
};

export type Executor = {
	start(spec: RunSpec, sink: RunSink): RunHandle;
	/** Ends every run still going and releases workers; settles once all are gone. */
	close(): Promise<void>;
};
