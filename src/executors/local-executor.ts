import {existsSync} from 'node:fs';
import path from 'node:path';
import {startCommandRun} from './command-run.js';
import {JobBundles} from './job-bundles.js';
import type {Executor, RunHandle, RunOutcome, RunSink, RunSpec} from './executor.js';
import {startModuleRun} from './module-run.js';
import {ModuleWorkers} from './module-workers.js';

export type LocalExecutorOptions = {
	/** The project root: where relative module paths start. */
	root: string;
	/** Job workers kept booted (tsx registered) for a job that has no reusable worker. @default 1 */
	spareWorkers?: number;
	/** How long a run asked to stop may take before it is killed (worker terminated, SIGKILL to its process tree). @default 2000 */
	cancelGraceMs?: number;
	/**
	 * How long a worker whose run ended cleanly waits for its job's next run. Short, so idle memory
	 * stays low: a job firing every few seconds keeps its worker, one firing every 5 minutes gets a spare.
	 * @default 30_000
	 */
	idleWorkerMs?: number;
	/**
	 * Idle reusable workers kept at most, all jobs together; a function is asked at each run's end (a
	 * remote worker that comes to serve one more queue carries more runs at once). @default 4
	 */
	maxIdleWorkers?: number | (() => number);
	/**
	 * A worker whose heap holds more than this after a run is ended rather than reused (garbage
	 * included: no collection is forced), so one big run does not keep its memory while idle. @default 128
	 */
	reuseHeapLimitMb?: number;
	/** util-linux setpriv, for the parent-death signal of commands; false for a plain spawn. @default '/usr/bin/setpriv' when present */
	setpriv?: string | false;
	/** Where TypeScript job modules are bundled into runnable JavaScript. @default ROOT/data/cache/jobs */
	cacheDir?: string;
	now?: () => number;
};

const defaultSetpriv = '/usr/bin/setpriv';

/**
 * Runs on this machine: `module:` jobs in worker threads, isolated per job, and `command:` jobs as
 * child processes in process groups of their own. Call from the thread that should own the runs (the
 * scheduler's): a command's parent-death signal follows that thread.
 */
export function createLocalExecutor(options: LocalExecutorOptions): Executor {
	const cancelGraceMs = options.cancelGraceMs ?? 2000;
	const now = options.now ?? Date.now;
	const setpriv = options.setpriv === false ? undefined : options.setpriv ?? (existsSync(defaultSetpriv) ? defaultSetpriv : undefined);
	const workers = new ModuleWorkers({
		spares: options.spareWorkers ?? 1,
		idleMs: options.idleWorkerMs ?? 30_000,
		maxIdle: typeof options.maxIdleWorkers === 'function' ? options.maxIdleWorkers : () => (options.maxIdleWorkers as number | undefined) ?? 4,
		settings: {reuseHeapLimitMb: options.reuseHeapLimitMb ?? 128},
	});
	const bundles = new JobBundles(options.cacheDir ?? path.join(options.root, 'data', 'cache', 'jobs'));
	const live = new Set<RunHandle>();
	let closed = false;

	return {
		start(spec: RunSpec, sink: RunSink): RunHandle {
			if (closed) {
				return {done: Promise.resolve(closedOutcome), cancel() {}};
			}

			let handle: RunHandle;
			try {
				handle = spec.target.kind === 'module'
					? startModuleRun(spec, sink, workers, {cancelGraceMs, root: options.root, bundles})
					: startCommandRun(spec, sink, {cancelGraceMs, setpriv, now});
			} catch (error) {
				// A failed job is data: nothing an executor meets may escape as an exception.
				return {done: Promise.resolve({status: 'failed', error: {type: 'ExecutorError', message: error instanceof Error ? error.message : String(error)}}), cancel() {}};
			}

			live.add(handle);
			void handle.done.finally(() => live.delete(handle));
			return handle;
		},

		async close(): Promise<void> {
			closed = true;
			const runs = [...live];
			for (const run of runs) {
				run.cancel('shutdown');
			}

			await Promise.all(runs.map(async run => run.done));
			await workers.close();
			await bundles.close();
		},
	};
}

const closedOutcome: RunOutcome = Object.freeze({status: 'cancelled', error: Object.freeze({type: 'Cancelled', message: 'the executor is closed'})});
