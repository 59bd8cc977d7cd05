import {Worker} from 'node:worker_threads';
import type {Readable} from 'node:stream';
import {LineSplitter} from './line-splitter.js';
import type {FromWorker, ToWorker, WorkerSettings} from './worker-protocol.js';
import {withoutSchedulerSecrets} from './scheduler-secrets.js';

/** Who hears a worker while it carries a run. */
export type WorkerListener = {
	message(message: FromWorker): void;
	/** Output that bypassed the worker's captured console (a native write to its stdout or stderr). */
	output(stream: 'stdout' | 'stderr', line: string): void;
	/** The worker failed: an uncaught error of the job, or ERR_WORKER_OUT_OF_MEMORY. */
	failed(error: Error): void;
	/** The thread ended (process.exit in the job, a crash, or terminate). */
	exited(code: number): void;
};

/**
 * One job worker thread, as the executor sees it: booting, ready, then bound to one job for good.
 * Routes what the thread says to the run it carries; between runs nobody listens.
 */
export class JobWorker {
	/** The job this worker belongs to, once it was handed its first run; never another. */
	jobId: string | undefined;
	/** The job's module as the worker loaded it: its file, that file's mtime, and the version of all its local sources. */
	loadedModule: {file: string; version: string; mtimeMs?: number} | undefined;
	isReady = false;
	isGone = false;
	/** Settles when the thread has ended. */
	readonly ended: Promise<void>;
	private readonly worker: Worker;
	private listener: WorkerListener | undefined;

	/**
	 * @param memoryMb The heap cap of the runs it will carry (a worker's limits are fixed at its start).
	 * @param onGone Told once when the thread ended, whoever ended it.
	 */
	constructor(bootCode: string, settings: WorkerSettings, readonly memoryMb: number | undefined, onGone: (worker: JobWorker) => void) {
		this.worker = new Worker(bootCode, {
			eval: true,
			workerData: settings,
			// Its process.env, and so every child a module job starts, without the scheduler's secrets.
			env: withoutSchedulerSecrets(process.env),
			resourceLimits: memoryMb === undefined ? undefined : {maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, memoryMb / 8))},
			// Job output must never reach the terminal the console draws on.
			stdout: true,
			stderr: true,
		});
		this.worker.on('message', (message: FromWorker) => {
			if (message.type === 'ready') {
				this.isReady = true;
			} else {
				this.listener?.message(message);
			}
		});
		// Always listened to: an 'error' event without a listener would crash the scheduler.
		this.worker.on('error', error => this.listener?.failed(error));
		this.ended = new Promise(resolve => {
			this.worker.once('exit', code => {
				this.isGone = true;
				this.listener?.exited(code);
				this.listener = undefined;
				onGone(this);
				resolve();
			});
		});
		this.read('stdout', this.worker.stdout);
		this.read('stderr', this.worker.stderr);
	}

	/** Hands the worker to a run: from now on the run hears it, and it keeps the process alive. */
	attach(listener: WorkerListener): void {
		this.listener = listener;
		this.worker.ref();
	}

	/** The run is over: nobody hears the worker, and an idle worker does not keep the process alive. */
	detach(): void {
		this.listener = undefined;
		this.worker.unref();
	}

	/** Throws when the message cannot be cloned (a param that is a function). */
	post(message: ToWorker): void {
		this.worker.postMessage(message);
	}

	/** Ends the thread, even in the middle of a job that spins; resolves once it is gone. */
	async terminate(): Promise<void> {
		if (!this.isGone) {
			void this.worker.terminate().catch(() => undefined);
		}

		return this.ended;
	}

	private read(stream: 'stdout' | 'stderr', readable: Readable): void {
		const splitter = new LineSplitter();
		readable.on('data', (chunk: Buffer | string) => {
			for (const line of splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)) {
				this.listener?.output(stream, line.text);
			}
		});
	}
}
