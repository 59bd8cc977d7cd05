import {existsSync} from 'node:fs';
import path from 'node:path';
import {errorInfo} from './error-info.js';
import type {CancelReason, ProcessIdentity, RunHandle, RunOutcome, RunSink, RunSpec} from './executor.js';
import {guardedSink} from './guarded-sink.js';
import {JobModuleError, type JobBundles, type JobEntry} from './job-bundles.js';
import type {JobWorker, WorkerListener} from './job-worker.js';
import {ModuleRunChildren} from './module-run-children.js';
import type {ModuleWorkers} from './module-workers.js';
import {ownProcessIdentity} from './own-process.js';
import {durationText, RunOutcomeLatch} from './run-outcome-latch.js';
import {RunLogSession, type LostLines} from './run-log-session.js';
import {commandRunMark, markVariables, type EnvironmentMark} from './run-mark.js';
import {placedLoadError} from './load-error-place.js';
import {exitError, workerFailure} from './worker-failure.js';
import type {FromWorker} from './worker-protocol.js';
import {forwardReport} from './worker-run-reports.js';

export type ModuleRunOptions = {
	/** How long a job asked to stop may take to return before its worker is terminated. */
	cancelGraceMs: number;
	/** Where relative module paths start. */
	root: string;
	/** Job modules made runnable (TypeScript bundled) before a worker imports them. */
	bundles: JobBundles;
};

/** Runs a `module:` job on a job worker; see ModuleRun. */
export function startModuleRun(spec: RunSpec, sink: RunSink, workers: ModuleWorkers, options: ModuleRunOptions): RunHandle {
	const run = new ModuleRun(spec, guardedSink(sink), workers, options);
	return {done: run.done, cancel: reason => run.cancel(reason)};
}

/**
 * One module run on a worker of its job. The run log's header and closing line are written here; the
 * job's own lines are appended by the worker to the same open file. The worker goes back for reuse only
 * when the run ended by itself and the worker reported nothing left behind; a run that was stopped,
 * crashed the thread, called process.exit or ran out of memory ends its worker. The processes the job
 * starts carry the run's mark (as a command run's do), so a stop ends them wherever they went; the
 * run's process identity is this process's, for the next start after a kill -9 (own-process.ts).
 */
class ModuleRun implements WorkerListener {
	readonly done: Promise<RunOutcome>;
	private readonly latch: RunOutcomeLatch;
	private readonly session: RunLogSession | undefined;
	private worker: JobWorker | undefined;
	/** The file the worker imports (the job's bundle, or its JavaScript), and the version of its sources. */
	private entry: JobEntry | undefined;
	private released = false;
	private terminatedByUs = false;
	private timers: NodeJS.Timeout[] = [];
	private lost: LostLines = {count: 0};
	private closing: Record<string, unknown> = {};
	/** In the environment of every process the job starts (its worker's process.env carries it while the run goes). */
	private readonly mark: EnvironmentMark;
	private readonly identity: ProcessIdentity = ownProcessIdentity();
	private readonly children: ModuleRunChildren;

	constructor(private readonly spec: RunSpec, private readonly sink: RunSink, private readonly workers: ModuleWorkers, private readonly options: ModuleRunOptions) {
		this.latch = new RunOutcomeLatch(spec.timeoutMs);
		this.mark = commandRunMark(spec.runId, spec.logPath);
		this.children = new ModuleRunChildren(this.mark, this.identity.startTicks ?? 0, options.cancelGraceMs, msg => this.session?.line('warn', msg));
		const modulePath = path.resolve(options.root, spec.target.kind === 'module' ? spec.target.path : '');
		const opened = RunLogSession.open(spec, sink, {module: modulePath});
		if (!(opened instanceof RunLogSession)) {
			this.done = Promise.resolve({status: 'failed', error: opened});
			return;
		}

		this.session = opened;
		this.done = this.latch.done.then(async outcome => {
			for (const timer of this.timers) {
				clearTimeout(timer);
			}

			await this.children.ended();
			return opened.finish(outcome, this.closing, this.lost);
		});
		void this.begin(modulePath, opened.file.descriptor!);
	}

	/** The module made runnable (built once per version), then handed to a worker of its job. */
	private async begin(modulePath: string, logFd: number): Promise<void> {
		try {
			if (!existsSync(modulePath)) {
				// Renamed or deleted after jobs.yaml was loaded (which refuses a missing one): said plainly, not
				// as the bundler's "Could not resolve" or a stat's ENOENT from inside the worker.
				throw new JobModuleError('ModuleNotFound', `module file not found: ${modulePath} (renamed or deleted after config/jobs.yaml was loaded, or not in this checkout)`);
			}

			const entry = await this.options.bundles.entryFor(modulePath);
			this.entry = entry;
			if (this.latch.isSettled || this.latch.cancelReason) {
				this.latch.settle({status: this.latch.cancelReason === 'timeout' ? 'timeout' : 'cancelled', error: {type: 'Cancelled', message: `stopped before it started (${this.latch.cancelReason ?? 'cancel'})`}});
				return;
			}

			this.worker = this.workers.take(this.spec.jobId, entry, this.spec.maxMemoryMb);
			this.worker.attach(this);
			const {runId, jobId, params, scheduledAt, attempt, tradeDate, paths} = this.spec;
			this.worker.post({type: 'run', job: {modulePath: entry.file, sourcePath: modulePath, jobId, runId, params, scheduledAt, attempt, tradeDate, paths, logFd, environment: markVariables(this.mark)}});
		} catch (error) {
			this.latch.fail(errorInfo(error));
			this.release(false);
		}
	}

	cancel(reason: CancelReason): void {
		if (this.latch.isSettled || this.latch.cancelReason) {
			return;
		}

		this.latch.cancelReason = reason;
		if (!this.worker || this.worker.isGone) {
			this.latch.settle({status: 'cancelled', error: {type: 'Cancelled', message: reason}});
			return;
		}

		this.worker.post({type: 'abort', runId: this.spec.runId, reason});
		this.children.stop(reason);
		const grace = this.options.cancelGraceMs;
		// A job that ignores its signal, or spins the CPU, is stopped for real.
		this.timers.push(setTimeout(() => {
			this.terminatedByUs = true;
			this.session?.line('warn', `the job did not return within the ${durationText(grace)} grace after it was asked to stop; its worker was terminated`);
			void this.worker?.terminate();
			// Terminating cannot interrupt everything (a blocking native call): the run ends regardless.
			this.timers.push(setTimeout(() => {
				this.closing.worker = 'did not stop when terminated; abandoned';
				this.latch.settle({status: 'cancelled', error: {type: 'Cancelled', message: reason}});
			}, grace));
		}, grace));
	}

	message(message: FromWorker): void {
		if (message.type === 'done') {
			this.finished(message);
		} else {
			forwardReport(message, this.sink, this.session, this.identity);
		}
	}

	output(stream: 'stdout' | 'stderr', line: string): void {
		const level = stream === 'stdout' ? 'info' : 'warn';
		this.session?.file.write(level, line, {stream});
		this.sink.log([{time: Date.now(), level, msg: line, jobId: this.spec.jobId, runId: this.spec.runId}]);
	}

	failed(error: Error): void {
		this.latch.fail(workerFailure(error, this.spec.maxMemoryMb));
	}

	exited(code: number): void {
		this.released = true;
		if (this.terminatedByUs) {
			this.latch.settle({status: 'cancelled', error: {type: 'Cancelled', message: 'terminated'}});
		} else {
			this.latch.fail(exitError(code));
		}
	}

	private finished(done: Extract<FromWorker, {type: 'done'}>): void {
		if (done.lines.length > 0) {
			this.sink.log(done.lines);
		}

		this.lost = {count: done.lostLines, problem: done.logProblem};
		if (this.worker) {
			this.worker.loadedModule = {file: this.entry!.file, version: this.entry!.version, mtimeMs: done.moduleMtimeMs};
		}

		const reusable = !this.latch.cancelReason && done.leftovers.length === 0;
		if (!this.latch.cancelReason && done.leftovers.length > 0) {
			this.closing.worker = `not reused: ${done.leftovers.join('; ')}`;
		}

		this.latch.settle(done.ok ? {status: 'success', result: done.result, ...(done.notes.length > 0 ? {notes: done.notes} : {})} : {status: 'failed', error: placedLoadError(done.error, this.entry?.problems)});
		this.release(reusable);
	}

	private release(reusable: boolean): void {
		if (this.released || !this.worker) {
			return;
		}

		this.released = true;
		this.workers.giveBack(this.worker, reusable);
	}
}
