import {createInterface} from 'node:readline';
import type {Worker} from 'node:worker_threads';
import type {RunHandle, RunSink, RunSpec} from '../engine/ports.js';
import {RunLogFile, ensureLogFolder} from '../log/run-log-file.js';
import {errorInfo} from './error-info.js';
import {parsePinoLine} from './log-line-parser.js';
import {RunOutcomeLatch} from './run-outcome-latch.js';
import type {WarmWorkerPool} from './warm-worker-pool.js';
import type {FromWorker, ToWorker} from './worker-protocol.js';

export type ModuleRunnerOptions = {
	/** How long a cancelled job may take to return before its worker is terminated. @default 2000 */
	cancelGraceMs?: number;
};

type OutputTarget = (level: 'info' | 'warn', line: string) => void;
type OutputRoute = {target?: OutputTarget};
const outputRoutes = new WeakMap<Worker, OutputRoute>();

/**
 * Output that bypasses a worker's console (native writes to its stdout/stderr) still reaches the
 * current run's log and the tail, never the terminal the console draws on. The streams are read once
 * per worker, not once per run; a line between runs has no run to go to and is dropped.
 */
function outputRoute(worker: Worker): OutputRoute {
	let route = outputRoutes.get(worker);
	if (!route) {
		const created: OutputRoute = {};
		for (const [stream, level] of [[worker.stdout, 'info'], [worker.stderr, 'warn']] as const) {
			createInterface({input: stream, crlfDelay: Number.POSITIVE_INFINITY}).on('line', line => created.target?.(level, line));
		}

		outputRoutes.set(worker, created);
		route = created;
	}

	return route;
}

/** Runs a `module:` job in a worker thread of its own. */
export function startModuleRun(pool: WarmWorkerPool, spec: RunSpec, sink: RunSink, options: ModuleRunnerOptions = {}): RunHandle {
	const target = spec.target;
	if (target.kind !== 'module') {
		throw new TypeError('startModuleRun needs a module target');
	}

	const latch = new RunOutcomeLatch(spec.timeoutMs);
	// The worker writes the run's first and last lines itself; this file is only for what it cannot
	// (output that bypassed its console, or the end of a run that was stopped or crashed).
	const file = new RunLogFile(spec.logPath, {jobId: spec.jobId, runId: spec.runId});
	ensureLogFolder(spec.logPath);
	const started = Date.now();
	let endWrittenByWorker = false;
	// Registered first, so the closing line is in the file before anyone hears the run finished.
	void latch.done.then(result => {
		if (!endWrittenByWorker) {
			file.write(result.status === 'success' ? 'info' : 'error', `run ${result.status}`, {
				durationMs: Date.now() - started,
				...(result.status === 'success' ? {} : {errorType: result.error.type, errorMessage: result.error.message, stack: result.error.stack}),
			});
		}

		file.close();
	});
	const limits = spec.maxMemoryMb === undefined ? undefined : {maxOldGenerationSizeMb: spec.maxMemoryMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, spec.maxMemoryMb / 8))};
	let worker: Worker;
	try {
		worker = pool.acquire(limits);
	} catch (error) {
		latch.fail(errorInfo(error));
		return {done: latch.done, cancel() {}};
	}

	worker.ref();
	const output = outputRoute(worker);
	output.target = (level, line) => {
		file.write(level, line, {stream: level === 'info' ? 'stdout' : 'stderr'});
		sink.log([{time: Date.now(), level, msg: line, jobId: spec.jobId, runId: spec.runId}]);
	};
	let killTimer: NodeJS.Timeout | undefined;
	const detach = () => {
		clearTimeout(killTimer);
		worker.off('message', onMessage);
		worker.off('error', onError);
		worker.off('exit', onExit);
		output.target = undefined;
	};

	const onMessage = (message: FromWorker) => {
		switch (message.type) {
			case 'progress': {
				sink.progress(message.fraction, message.message);
				break;
			}

			case 'log': {
				sink.log(message.lines.map(line => parsePinoLine(line, spec.jobId, spec.runId)));
				break;
			}

			case 'notify': {
				sink.notify?.(message.title, message.body, message.users);
				break;
			}

			case 'done': {
				if (message.lines) {
					sink.log(message.lines.map(line => parsePinoLine(line, spec.jobId, spec.runId)));
				}

				endWrittenByWorker = latch.cancelReason === undefined;
				const clean = latch.cancelReason === undefined && limits === undefined;
				latch.settle(message.ok ? {status: 'success', result: message.result} : {status: 'failed', error: message.error});
				detach();
				if (clean) {
					pool.release(worker);
				} else {
					pool.discard(worker);
				}

				break;
			}

			case 'ready': {
				break;
			}
		}
	};

	const onError = (error: Error) => {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ERR_WORKER_OUT_OF_MEMORY') {
			latch.fail({type: 'OutOfMemory', message: `the run went over its memory limit (max_memory ${spec.maxMemoryMb ?? '?'} MiB)`, stack: error.stack});
		} else {
			latch.fail(errorInfo(error));
		}
	};

	const onExit = (code: number) => {
		detach();
		latch.fail({type: 'ProcessExit', message: `the job ended its worker with process.exit(${code}) before finishing`});
	};

	worker.on('message', onMessage);
	worker.on('error', onError);
	worker.on('exit', onExit);
	const run: ToWorker = {
		type: 'run',
		job: {
			modulePath: target.path,
			jobId: spec.jobId,
			runId: spec.runId,
			params: spec.params,
			scheduledAt: spec.scheduledAt,
			attempt: spec.attempt,
			tradeDate: spec.tradeDate,
			logPath: spec.logPath,
			paths: spec.paths,
		},
	};
	worker.postMessage(run);
	return {
		done: latch.done,
		cancel(reason) {
			if (latch.isSettled || latch.cancelReason) {
				return;
			}

			latch.cancelReason = reason;
			worker.postMessage({type: 'abort', reason} satisfies ToWorker);
			// A job that ignores its signal (or spins the CPU) is stopped for real.
			killTimer = setTimeout(() => {
				pool.discard(worker);
			}, options.cancelGraceMs ?? 2000);
		},
	};
}
