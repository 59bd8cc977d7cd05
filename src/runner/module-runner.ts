import type {CancelReason, FollowingRunHandle, RunHandle, RunSink, RunSpec} from '../engine/ports.js';
import {RunLogFile, ensureLogFolder} from '../log/run-log-file.js';
import {errorInfo} from './error-info.js';
import {parsePinoLine} from './log-line-parser.js';
import {RunOutcomeLatch} from './run-outcome-latch.js';
import type {WarmWorkerPool} from './warm-worker-pool.js';
import {WorkerLane, type LaneRun} from './worker-lane.js';
import {claimStates, type FromWorker, type WorkerJob} from './worker-protocol.js';

export type ModuleRunnerOptions = {
	/** How long a cancelled job may take to return before its worker is terminated. @default 2000 */
	cancelGraceMs?: number;
};

/**
 * Runs `module:` jobs in worker threads: each run on a worker of its own, or handed to a busy worker
 * to start the moment the run before it ends (no round trip to the scheduler's thread in between).
 */
export class ModuleRunner {
	private readonly runs = new WeakMap<RunHandle, ModuleRun>();

	constructor(private readonly pool: WarmWorkerPool, private readonly options: ModuleRunnerOptions = {}) {}

	start(spec: RunSpec, sink: RunSink): RunHandle {
		const run = new ModuleRun(spec, sink, this.options.cancelGraceMs ?? 2000);
		const limits = spec.maxMemoryMb === undefined ? undefined : {maxOldGenerationSizeMb: spec.maxMemoryMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, spec.maxMemoryMb / 8))};
		try {
			const lane = new WorkerLane(this.pool.acquire(limits), this.pool, limits !== undefined, runs => this.rehome(runs));
			run.handTo(lane, true);
		} catch (error) {
			run.died(error as Error);
		}

		this.runs.set(run.handle, run);
		return run.handle;
	}

	/** Hands a run to the worker of `after`, to start when the runs there end; undefined if that worker takes no more. */
	follow(after: RunHandle, spec: RunSpec, sink: RunSink): FollowingRunHandle | undefined {
		const lane = this.runs.get(after)?.lane;
		if (!lane?.takesMore || spec.maxMemoryMb !== undefined) {
			return undefined;
		}

		const run = new ModuleRun(spec, sink, this.options.cancelGraceMs ?? 2000, true);
		run.handTo(lane, false);
		this.runs.set(run.handle, run);
		return run.handle;
	}

	/** Runs that never started on a worker that had to go: to another worker, in the same order. */
	private rehome(runs: LaneRun[]): void {
		try {
			const lane = new WorkerLane(this.pool.acquire(), this.pool, false, more => this.rehome(more));
			for (const run of runs) {
				(run as ModuleRun).handTo(lane, false);
			}
		} catch (error) {
			for (const run of runs) {
				run.died(error as Error);
			}
		}
	}
}

/** One module run, from hand-over to its end. */
class ModuleRun implements LaneRun {
	readonly handle: FollowingRunHandle;
	readonly job: WorkerJob;
	lane: WorkerLane | undefined;
	private readonly latch: RunOutcomeLatch;
	// The worker writes the run's first and last lines itself; this file is only for what it cannot
	// (output that bypassed its console, or the end of a run that was stopped or crashed).
	private readonly file: RunLogFile;
	private isStarted = false;
	private startedAt = Date.now();
	private endWrittenByWorker = false;
	private killTimer: NodeJS.Timeout | undefined;

	constructor(private readonly spec: RunSpec, private readonly sink: RunSink, private readonly cancelGraceMs: number, behindOthers = false) {
		if (spec.target.kind !== 'module') {
			throw new TypeError('a module run needs a module target');
		}

		this.latch = new RunOutcomeLatch(spec.timeoutMs);
		this.file = new RunLogFile(spec.logPath, {jobId: spec.jobId, runId: spec.runId});
		ensureLogFolder(spec.logPath);
		this.isStarted = !behindOthers;
		// Registered first, so the closing line is in the file before anyone hears the run finished.
		void this.latch.done.then(result => {
			clearTimeout(this.killTimer);
			if (!this.endWrittenByWorker) {
				this.file.write(result.status === 'success' ? 'info' : 'error', result.status === 'cancelled' && result.notStarted ? 'run cancelled before it started' : `run ${result.status}`, {
					...(this.isStarted ? {durationMs: Date.now() - this.startedAt} : {}),
					...(result.status === 'success' ? {} : {errorType: result.error.type, errorMessage: result.error.message, stack: result.error.stack}),
				});
			}

			this.file.close();
		});
		this.job = {
			modulePath: spec.target.path,
			jobId: spec.jobId,
			runId: spec.runId,
			params: spec.params,
			scheduledAt: spec.scheduledAt,
			attempt: spec.attempt,
			tradeDate: spec.tradeDate,
			logPath: spec.logPath,
			paths: spec.paths,
		};
		this.handle = {
			done: this.latch.done,
			cancel: reason => this.cancel(reason),
			withdraw: () => this.withdraw(),
		};
	}

	/** Hands the run to a lane's worker; one handed behind others gets a fresh claim (a moved run's old one is spent). */
	handTo(lane: WorkerLane, startsNow: boolean): void {
		this.lane = lane;
		if (!startsNow) {
			this.job.claim = new Int32Array(new SharedArrayBuffer(4));
		}

		lane.hand(this, startsNow);
	}

	started(at: number): void {
		this.isStarted = true;
		this.startedAt = at;
		this.sink.started?.(at);
	}

	message(message: FromWorker): void {
		switch (message.type) {
			case 'progress': {
				this.sink.progress(message.fraction, message.message);
				break;
			}

			case 'log': {
				this.sink.log(message.lines.map(line => parsePinoLine(line, this.spec.jobId, this.spec.runId)));
				break;
			}

			case 'notify': {
				this.sink.notify?.(message.title, message.body, message.users);
				break;
			}

			case 'done': {
				if (message.lines) {
					this.sink.log(message.lines.map(line => parsePinoLine(line, this.spec.jobId, this.spec.runId)));
				}

				this.endWrittenByWorker = this.latch.cancelReason === undefined;
				this.latch.settle(message.ok ? {status: 'success', result: message.result} : {status: 'failed', error: message.error});
				break;
			}

			default: {
				break;
			}
		}
	}

	output(level: 'info' | 'warn', line: string): void {
		this.file.write(level, line, {stream: level === 'info' ? 'stdout' : 'stderr'});
		this.sink.log([{time: Date.now(), level, msg: line, jobId: this.spec.jobId, runId: this.spec.runId}]);
	}

	died(cause: Error | number): void {
		if (typeof cause === 'number') {
			this.latch.fail({type: 'ProcessExit', message: `the job ended its worker with process.exit(${cause}) before finishing`});
		} else if ((cause as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') {
			this.latch.fail({type: 'OutOfMemory', message: `the run went over its memory limit (max_memory ${this.spec.maxMemoryMb ?? '?'} MiB)`, stack: cause.stack});
		} else {
			this.latch.fail(errorInfo(cause));
		}
	}

	/** Takes back a run that has not started: it never will, and its `done` never settles. */
	private withdraw(): boolean {
		const claim = this.job.claim;
		if (this.isStarted || !claim || Atomics.compareExchange(claim, 0, claimStates.waiting, claimStates.withdrawn) !== claimStates.waiting) {
			return false;
		}

		this.lane?.forget(this.spec.runId);
		return true;
	}

	private cancel(reason: CancelReason): void {
		if (this.latch.isSettled || this.latch.cancelReason) {
			return;
		}

		this.latch.cancelReason = reason;
		if (this.withdraw()) {
			this.latch.settleNotStarted();
			return;
		}

		this.lane?.abort(this.spec.runId, reason);
		// A job that ignores its signal (or spins the CPU) is stopped for real.
		this.killTimer = setTimeout(() => this.lane?.kill(), this.cancelGraceMs);
	}
}
