/**
 * The program of a job worker thread: boots (tsx is registered by the boot code before this loads),
 * guards the process it shares with the scheduler, takes its baseline, says it is ready, then runs
 * the runs of ONE job, one at a time, as the executor hands them over. After each run it tells the
 * executor what the run left behind, so the executor can decide whether this worker may run that job
 * again or must be replaced. Module-level state is fine here: this file is a program, not a library.
 */
import {statSync} from 'node:fs';
import {pathToFileURL} from 'node:url';
import {parentPort, workerData} from 'node:worker_threads';
import type {LogLine} from '../core/log-line.js';
import {tailFieldsText} from '../log/log-fields-text.js';
import {levelName} from '../log/run-log-file.js';
import {RunLoggers, type RunLogger} from '../log/run-logger.js';
import {captureConsoleOutput} from './console-capture.js';
import {errorInfo} from './error-info.js';
import {findExecutable} from './find-executable.js';
import {jobContext} from './job-context.js';
import {toJsonSafe} from './json-safe.js';
import {withoutOwnFrames} from './own-frames.js';
import {guardOwnProcess} from './process-guards.js';
import {lendEnvironment} from './run-environment.js';
import {WorkerBaseline} from './worker-baseline.js';
import type {FromWorker, ToWorker, WorkerJob, WorkerSettings} from './worker-protocol.js';

type Done = Extract<FromWorker, {type: 'done'}>;
type Current = {job: WorkerJob; log: RunLogger; abort: AbortController; lines: LogLine[]; progress?: {fraction?: number; message?: string}};

/** Lines and progress go to the executor at most this often (a job may report in a tight loop). */
const reportMs = 100;
const port = parentPort!;
const settings = workerData as WorkerSettings;
// Jobs run from their bundles: stack traces name the .ts files and lines (the bundles carry source maps).
process.setSourceMapsEnabled(true);
let current: Current | undefined;
let reportTimer: NodeJS.Timeout | undefined;
let lastReport = Number.NEGATIVE_INFINITY;

function send(message: FromWorker): void {
	port.postMessage(message);
}

function report(): void {
	clearTimeout(reportTimer);
	reportTimer = undefined;
	lastReport = performance.now();
	if (!current) {
		return;
	}

	const {job, lines, progress} = current;
	if (lines.length > 0) {
		send({type: 'log', runId: job.runId, lines});
		current.lines = [];
	}

	if (progress) {
		send({type: 'progress', runId: job.runId, ...progress});
		current.progress = undefined;
	}
}

/**
 * Reports now when the last report is old enough, else on a timer: a job that reports from a
 * synchronous loop never lets a timer fire, and its progress must still be seen while it runs.
 */
function soon(): void {
	if (performance.now() - lastReport >= reportMs) {
		report();
	} else {
		reportTimer ??= setTimeout(report, reportMs);
	}
}

const loggers = new RunLoggers(line => {
	if (current) {
		current.lines.push(tailLine(line, current.job));
		soon();
	}
});

/** A pino line as the console's tail shows it: its message (with its error's), and its other fields in words. */
function tailLine(text: string, job: WorkerJob): LogLine {
	try {
		const record = JSON.parse(text) as {time?: number; level?: number; msg?: unknown; err?: {message?: unknown}} & Record<string, unknown>;
		let msg = typeof record.msg === 'string' ? record.msg : '';
		if (typeof record.err?.message === 'string') {
			msg = `${msg}${msg ? ': ' : ''}${record.err.message}`;
		}

		const fields = tailFieldsText(record, ['err']);
		return {time: record.time ?? Date.now(), level: levelName(record.level), msg, ...(fields === undefined ? {} : {fields}), jobId: job.jobId, runId: job.runId};
	} catch {
		return {time: Date.now(), level: 'info', msg: text.trimEnd(), jobId: job.jobId, runId: job.runId};
	}
}

async function run(job: WorkerJob): Promise<void> {
	const abort = new AbortController();
	current = {job, log: loggers.attach(job.logFd, {jobId: job.jobId, runId: job.runId}), abort, lines: []};
	const run = current;
	const giveBackEnvironment = lendEnvironment(job.environment);
	send({type: 'started', runId: job.runId, at: Date.now()});
	let moduleMtimeMs: number | undefined;
	let outcome: {ok: true; result: unknown; notes: string[]} | {ok: false; error: ReturnType<typeof errorInfo>};
	try {
		moduleMtimeMs = statSync(job.modulePath).mtimeMs;
		const module = await import(pathToFileURL(job.modulePath).href) as Record<string, unknown>;
		const ctx = jobContext(job, run.log.logger, abort.signal, {
			progress(fraction, message) {
				run.progress = {fraction, message};
				soon();
			},
			notify(title, body, users) {
				send({type: 'notify', runId: job.runId, title, body, users});
			},
		});
		const {value, notes} = toJsonSafe(await findExecutable(module)(ctx));
		outcome = {ok: true, result: value, notes};
	} catch (error) {
		outcome = {ok: false, error: withoutOwnFrames(errorInfo(error), import.meta.url)};
	}

	giveBackEnvironment();
	capture.flush();
	clearTimeout(reportTimer);
	reportTimer = undefined;
	if (run.progress) {
		send({type: 'progress', runId: job.runId, ...run.progress});
	}

	const lines = run.lines;
	const problem = run.log.problem() as NodeJS.ErrnoException | undefined;
	const lostLines = run.log.lostLines();
	run.log.close();
	current = undefined;
	// A handle the job closed is gone only after the loop's close phase, which follows the check phase:
	// past two immediates, what is left is really left.
	for (let turn = 0; turn < 2; turn++) {
		await new Promise(resolve => {
			setImmediate(resolve);
		});
	}

	const leftovers = abort.signal.aborted ? ['the run was asked to stop'] : baseline.leftovers(settings.reuseHeapLimitMb);
	const done: Done = {
		type: 'done',
		runId: job.runId,
		lines,
		lostLines,
		...(problem ? {logProblem: {code: typeof problem.code === 'string' ? problem.code : undefined, message: String(problem.message)}} : {}),
		leftovers,
		moduleMtimeMs,
		...outcome,
	};
	send(done);
}

guardOwnProcess();
// The eval that boots a worker leaves CommonJS's __dirname ('.'), __filename ('[worker eval]'), require
// (resolving from the worker's current folder), module and exports on the global object, where an ES
// module job read them as its own. Node has none of them in an ES module: a TypeScript job's bundle has
// the job file's __dirname, __filename and require, a CommonJS job its own five.
for (const name of ['__dirname', '__filename', 'require', 'module', 'exports']) {
	delete (globalThis as Record<string, unknown>)[name];
}

const capture = captureConsoleOutput((stream, line) => {
	current?.log.logger[stream === 'stdout' ? 'info' : 'warn']({stream}, line);
});
port.on('message', (message: ToWorker) => {
	if (message.type === 'run') {
		if (current) {
			send({type: 'done', runId: message.job.runId, lines: [], lostLines: 0, leftovers: ['busy'], ok: false, error: {type: 'WorkerBusy', message: 'the worker was already running a run'}});
			return;
		}

		void run(message.job);
	} else if (current?.job.runId === message.runId && !current.abort.signal.aborted) {
		current.abort.abort(new DOMException(message.reason === 'timeout' ? 'the run timed out' : `the run was cancelled (${message.reason})`, message.reason === 'timeout' ? 'TimeoutError' : 'AbortError'));
	}
});
const baseline = WorkerBaseline.take();
send({type: 'ready'});
