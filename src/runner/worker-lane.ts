import {createInterface} from 'node:readline';
import type {Worker} from 'node:worker_threads';
import type {WarmWorkerPool} from './warm-worker-pool.js';
import {claimStates, type FromWorker, type ToWorker, type WorkerJob} from './worker-protocol.js';

/** What a lane tells one of its runs. */
export type LaneRun = {
	readonly job: WorkerJob;
	/** The worker started it (a run handed behind others only; the first starts when handed). */
	started(at: number): void;
	message(message: FromWorker): void;
	/** Output that bypassed the worker's console, while this run is the one going. */
	output(level: 'info' | 'warn', line: string): void;
	/** The worker failed (an Error) or exited (its exit code) under this run. */
	died(cause: Error | number): void;
};

type Done = Extract<FromWorker, {type: 'done'}>;

/**
 * One worker lent out for module runs: the run it is on and the runs handed to it to start next, in
 * order. Routes the worker's messages and output to their run. When the worker must go (its run was
 * stopped, or it crashed or exited), runs that never started on it move, in order, to another worker.
 */
export class WorkerLane {
	private readonly runs = new Map<number, LaneRun>();
	private current: LaneRun | undefined;
	private retired = false;

	/**
	 * @param capped The worker has resource limits of its own run: it takes no other run.
	 * @param rehome Where runs go that never started on this worker when it must go.
	 */
	constructor(
		readonly worker: Worker,
		private readonly pool: WarmWorkerPool,
		private readonly capped: boolean,
		private readonly rehome: (runs: LaneRun[]) => void,
	) {
		worker.ref();
		worker.on('message', this.onMessage);
		worker.on('error', this.onError);
		worker.on('exit', this.onExit);
		outputRoute(worker).target = (level, line) => this.current?.output(level, line);
	}

	/** Whether a run may be handed behind the ones already here. */
	get takesMore(): boolean {
		return !this.retired && !this.capped;
	}

	/** Hands a run to the worker: it starts at once if the worker is free, else after those before it. */
	hand(run: LaneRun, startsNow: boolean): void {
		this.runs.set(run.job.runId, run);
		if (startsNow) {
			this.current = run;
		}

		this.worker.postMessage({type: 'run', job: run.job} satisfies ToWorker);
	}

	/** Asks the worker to stop a run it is on. */
	abort(runId: number, reason: string): void {
		this.worker.postMessage({type: 'abort', runId, reason} satisfies ToWorker);
	}

	/** Forgets a run withdrawn before it started. */
	forget(runId: number): void {
		this.runs.delete(runId);
		this.releaseIfIdle();
	}

	/** Terminates the worker (a stopped run that would not end); its exit ends what ran on it. */
	kill(): void {
		this.retired = true;
		this.pool.discard(this.worker);
	}

	private readonly onMessage = (message: FromWorker) => {
		if (message.type === 'ready') {
			return;
		}

		const run = this.runs.get(message.runId);
		if (!run) {
			return; // A withdrawn run's id, or output of a run already over.
		}

		if (message.type === 'started') {
			this.current = run;
			run.started(message.at);
			return;
		}

		if (message.type !== 'done') {
			run.message(message);
			return;
		}

		this.runs.delete(message.runId);
		if (this.current === run) {
			this.current = undefined;
		}

		run.message(message);
		this.afterDone(message);
	};

	private afterDone(done: Done): void {
		if (done.aborted || this.capped) {
			// The worker starts nothing after a stopped run: what waits on it goes elsewhere.
			this.retire();
			this.pool.discard(this.worker);
			return;
		}

		this.releaseIfIdle();
	}

	private releaseIfIdle(): void {
		if (this.runs.size === 0 && !this.retired) {
			this.retired = true;
			this.detach();
			this.pool.release(this.worker);
		}
	}

	private readonly onError = (error: Error) => {
		this.current?.died(error);
	};

	private readonly onExit = (code: number) => {
		this.current?.died(code);
		if (this.current) {
			this.runs.delete(this.current.job.runId);
			this.current = undefined;
		}

		this.retire();
	};

	/**
	 * Stops routing, and moves the runs that never started here to another worker. One the worker had
	 * just started (its word of it not read yet) ended with the worker.
	 */
	private retire(): void {
		this.retired = true;
		this.detach();
		const waiting: LaneRun[] = [];
		for (const run of this.runs.values()) {
			if (run === this.current) {
				continue;
			}

			if (run.job.claim && Atomics.compareExchange(run.job.claim, 0, claimStates.waiting, claimStates.withdrawn) === claimStates.waiting) {
				waiting.push(run);
			} else {
				run.died(new Error('its worker stopped just as the run started'));
			}
		}

		this.runs.clear();
		if (waiting.length > 0) {
			this.rehome(waiting);
		}
	}

	private detach(): void {
		this.worker.off('message', this.onMessage);
		this.worker.off('error', this.onError);
		this.worker.off('exit', this.onExit);
		outputRoute(this.worker).target = undefined;
	}
}

type OutputRoute = {target?: (level: 'info' | 'warn', line: string) => void};
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
