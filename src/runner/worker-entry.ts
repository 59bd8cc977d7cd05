/**
 * Runs inside a job worker thread: waits for a job, loads its module (TypeScript through tsx), builds
 * its `ctx`, runs it and reports back. A worker whose run ended cleanly may be handed another run
 * (module state then persists, as in any long-lived process); one that was cancelled, timed out or
 * crashed is thrown away by the scheduler. Runs handed to it while it is busy wait here, in order, and
 * start the moment the one before them ends, unless the scheduler withdrew them first.
 */
import {parentPort} from 'node:worker_threads';
import {pathToFileURL} from 'node:url';
import {RunLoggers, type RunLogger} from '../log/run-logger.js';
import {collectOldGarbageAsItGrows} from '../threads/old-garbage.js';
import {errorInfo} from './error-info.js';
import {claimStates, type FromWorker, type ToWorker, type WorkerJob} from './worker-protocol.js';

const port = parentPort!;
const logFlushMs = 100;
let abort = new AbortController();
let pendingLines: string[] = [];
let flushTimer: NodeJS.Timeout | undefined;
let currentLog: RunLogger | undefined;
/** Runs handed to this worker that have not started. */
const waiting: WorkerJob[] = [];
let currentRunId: number | undefined;
/** The current run was asked to stop: after it, this worker starts nothing more and waits to be terminated. */
let retiring = false;
const runLoggers = new RunLoggers(queueLine);
/** Job modules this worker has loaded: a later run skips the loader's resolve round trip (ESM caches the module anyway). */
const loadedModules = new Map<string, Record<string, unknown>>();

function send(message: FromWorker): void {
	port.postMessage(message);
}

function flushLines(): void {
	clearTimeout(flushTimer);
	flushTimer = undefined;
	if (pendingLines.length > 0) {
		send({type: 'log', runId: currentRunId ?? -1, lines: pendingLines});
		pendingLines = [];
	}
}

function queueLine(line: string): void {
	pendingLines.push(line);
	flushTimer ??= setTimeout(flushLines, logFlushMs);
}

type Executable = (ctx: unknown) => unknown;

/** A default export that is a function, a class with execute(), or an object with execute(). */
function findExecutable(module: Record<string, unknown>): Executable {
	let candidate = (module.default ?? module.run ?? module.execute) as unknown;
	// A .ts file outside a `"type": "module"` package loads as CommonJS: its default export sits one level down.
	if (candidate && typeof candidate === 'object' && 'default' in candidate && typeof candidate.default !== 'undefined') {
		candidate = (candidate as {default: unknown}).default;
	}

	if (typeof candidate === 'function') {
		const prototype = (candidate as {prototype?: {execute?: unknown}}).prototype;
		if (prototype && typeof prototype.execute === 'function') {
			return ctx => {
				const instance = new (candidate as new () => {execute: Executable})();
				return instance.execute(ctx);
			};
		}

		return candidate as Executable;
	}

	if (candidate && typeof (candidate as {execute?: unknown}).execute === 'function') {
		const object = candidate as {execute: Executable};
		return ctx => object.execute(ctx);
	}

	throw new TypeError('the job module must export default a function, a class with execute(), or an object with execute()');
}

/**
 * console.log and friends go to the current run's log, synchronously and in order with ctx.log, so
 * every line is in the file before the run is reported finished.
 */
function captureConsoleOutput(): void {
	for (const stream of ['stdout', 'stderr'] as const) {
		let carry = '';
		process[stream].write = ((chunk: string | Uint8Array, encodingOrCallback?: unknown, callback?: unknown) => {
			const text = carry + (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
			const lines = text.split('\n');
			carry = lines.pop() ?? '';
			for (const line of lines) {
				currentLog?.logger[stream === 'stdout' ? 'info' : 'warn']({stream}, line);
			}

			const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
			if (typeof done === 'function') {
				(done as () => void)();
			}

			return true;
		}) as typeof process.stdout.write;
	}
}

async function runJob(job: WorkerJob): Promise<void> {
	abort = new AbortController();
	currentLog = runLoggers.open(job.logPath, {jobId: job.jobId, runId: job.runId});
	const log = currentLog.logger;
	const started = Date.now();
	currentLog.note('info', 'run started', {attempt: job.attempt, scheduledAt: new Date(job.scheduledAt).toISOString(), module: job.modulePath});
	const ctx = {
		jobId: job.jobId,
		runId: job.runId,
		params: job.params,
		scheduledAt: new Date(job.scheduledAt),
		tradeDate: job.tradeDate,
		attempt: job.attempt,
		log,
		signal: abort.signal,
		paths: job.paths,
		progress(fraction?: number, message?: string) {
			send({type: 'progress', runId: job.runId, fraction, message});
		},
		notify(title: string, body: string, options?: {users?: string[]}) {
			send({type: 'notify', runId: job.runId, title, body, users: options?.users});
		},
	};
	let outcome: Extract<FromWorker, {type: 'done'}>;
	try {
		const module = await loadModule(job.modulePath);
		const result = await findExecutable(module)(ctx);
		outcome = {type: 'done', runId: job.runId, aborted: retiring, ok: true, result: cloneable(result)};
	} catch (error) {
		log.error({err: error}, 'job failed');
		outcome = {type: 'done', runId: job.runId, aborted: retiring, ok: false, error: errorInfo(error)};
	}

	// The last line, unless the run was asked to stop: then the scheduler decides (and writes) how it ended.
	if (!abort.signal.aborted) {
		if (outcome.type === 'done' && outcome.ok) {
			currentLog.note('info', 'run success', {durationMs: Date.now() - started});
		} else if (outcome.type === 'done' && !outcome.ok) {
			currentLog.note('error', 'run failed', {durationMs: Date.now() - started, errorType: outcome.error.type, errorMessage: outcome.error.message, stack: outcome.error.stack});
		}
	}

	// The run's last lines travel with its end: one message, one wake-up of the scheduler's thread.
	clearTimeout(flushTimer);
	flushTimer = undefined;
	currentLog.close();
	currentLog = undefined;
	send(pendingLines.length > 0 ? {...outcome, lines: pendingLines} : outcome);
	pendingLines = [];
}

async function loadModule(modulePath: string): Promise<Record<string, unknown>> {
	let module = loadedModules.get(modulePath);
	if (!module) {
		module = await import(pathToFileURL(modulePath).href) as Record<string, unknown>;
		loadedModules.set(modulePath, module);
	}

	return module;
}

/** Results cross a thread boundary: keep what JSON keeps. */
function cloneable(value: unknown): unknown {
	if (value === undefined) {
		return undefined;
	}

	try {
		return JSON.parse(JSON.stringify(value)) as unknown;
	} catch {
		return String(value);
	}
}

/** Starts the next waiting run this worker may still claim, if it is free. */
function startNext(): void {
	while (currentRunId === undefined && !retiring && waiting.length > 0) {
		const job = waiting.shift()!;
		if (job.claim) {
			if (Atomics.compareExchange(job.claim, 0, claimStates.waiting, claimStates.started) !== claimStates.waiting) {
				continue; // Withdrawn by the scheduler.
			}

			send({type: 'started', runId: job.runId, at: Date.now()});
		}

		currentRunId = job.runId;
		void runJob(job).then(() => {
			currentRunId = undefined;
			startNext();
		});
	}
}

captureConsoleOutput();
collectOldGarbageAsItGrows();
port.on('message', (message: ToWorker) => {
	if (message.type === 'run') {
		waiting.push(message.job);
		startNext();
	} else if (message.runId === currentRunId && !retiring) {
		retiring = true;
		abort.abort(new Error(message.reason));
	}
});
send({type: 'ready'});
