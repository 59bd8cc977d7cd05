import {statSync} from 'node:fs';
import type {JobEntry} from './job-bundles.js';
import {JobWorker} from './job-worker.js';
import {workerBootCode} from '../threads/thread-boot-code.js';
import type {WorkerSettings} from './worker-protocol.js';

export type ModuleWorkersOptions = {
	/**
	 * Booted workers kept waiting for a job that has no worker of its own, while module runs come (a
	 * spare is booted when a run takes a worker, and ended after `idleMs` with no run). @default 1
	 */
	spares: number;
	/** How long a reusable worker waits for its job's next run before it is ended. @default 30_000 */
	idleMs: number;
	/** Reusable workers kept at most, all jobs together (the oldest goes first), asked at each run's end. @default 4 */
	maxIdle: () => number;
	settings: WorkerSettings;
};

type Idle = {worker: JobWorker; timer: NodeJS.Timeout};

/**
 * The job workers not carrying a run: spares (booted, tsx registered, bound to no job yet) and idle
 * workers bound to a job, kept a short while for that job's next run. Isolation before reuse: a worker
 * never carries runs of two jobs; it is reused for its own job only when the run before ended cleanly
 * and left nothing behind (the caller decides that, `giveBack(worker, reusable)`), and only while its
 * job module and the local files it imports are unchanged on disk. A spare hides the ~33 ms of a new thread and its boot from a run's
 * start; a new spare boots in the background once one is taken. Spares follow the runs: none at start,
 * and none kept once no module run came for `idleMs`, so a box whose jobs are daily does not hold
 * warm threads (~15 MB each) all day for nothing; its first run of a quiet spell boots its own.
 */
export class ModuleWorkers {
	private readonly spares: JobWorker[] = [];
	private sparesTimer: NodeJS.Timeout | undefined;
	private toppingUp: NodeJS.Immediate | undefined;
	private readonly idle: Idle[] = [];
	private readonly bootCode = workerBootCode('worker-entry', import.meta.url, 'from-source');
	private closed = false;
	/** A spare died before it was ready: booting is broken (tsx missing?); runs will say why, spares wait. */
	private bootBroken = false;

	constructor(private readonly options: ModuleWorkersOptions) {}

	/**
	 * A worker for a run of `jobId`: the job's own idle worker if it may run again, else a spare (ready or
	 * still booting: the run's message waits in its port), else a new one. A run with a heap cap needs a
	 * worker started with that cap: its job's own, or a new one.
	 */
	take(jobId: string, entry: JobEntry, memoryMb: number | undefined): JobWorker {
		const index = this.idle.findIndex(({worker}) => worker.jobId === jobId && worker.memoryMb === memoryMb && !worker.isGone);
		if (index !== -1) {
			const [{worker, timer}] = this.idle.splice(index, 1) as [Idle];
			clearTimeout(timer);
			const loaded = worker.loadedModule;
			if (loaded?.file === entry.file && loaded.version === entry.version && moduleMtime(entry.file) === loaded.mtimeMs) {
				return worker;
			}

			// The job's file, or a local file it imports, changed since the worker loaded it: ESM keeps the old modules, so start afresh.
			void worker.terminate();
		}

		let worker: JobWorker | undefined;
		if (memoryMb === undefined) {
			const spare = this.spares.findIndex(candidate => candidate.isReady);
			worker = this.spares.splice(spare === -1 ? 0 : spare, 1)[0];
		}

		this.keepSparesWarm();

		worker ??= this.start(memoryMb);
		worker.jobId = jobId;
		return worker;
	}

	/** A worker whose run is over: kept for its job's next run when `reusable`, else ended. */
	giveBack(worker: JobWorker, reusable: boolean): void {
		worker.detach();
		if (!reusable || this.closed || worker.isGone) {
			void worker.terminate();
			return;
		}

		const timer = setTimeout(() => this.retire(worker), this.options.idleMs);
		timer.unref();
		this.idle.push({worker, timer});
		const maxIdle = this.options.maxIdle();
		while (this.idle.length > maxIdle) {
			this.retire(this.idle[0]!.worker);
		}
	}

	/** Ends the spares and idle workers; workers carrying runs are their runs' business. */
	async close(): Promise<void> {
		this.closed = true;
		const all = [...this.spares, ...this.idle.map(({worker}) => worker)];
		for (const {timer} of this.idle) {
			clearTimeout(timer);
		}

		clearTimeout(this.sparesTimer);
		clearImmediate(this.toppingUp);
		this.spares.length = 0;
		this.idle.length = 0;
		await Promise.all(all.map(async worker => worker.terminate()));
	}

	private retire(worker: JobWorker): void {
		const index = this.idle.findIndex(idle => idle.worker === worker);
		if (index !== -1) {
			clearTimeout(this.idle[index]!.timer);
			this.idle.splice(index, 1);
		}

		void worker.terminate();
	}

	/** Runs are coming: spares booted (after this turn), and kept for `idleMs` from now. */
	private keepSparesWarm(): void {
		this.toppingUp ??= setImmediate(() => this.topUp());
		clearTimeout(this.sparesTimer);
		this.sparesTimer = setTimeout(() => {
			this.sparesTimer = undefined;
			for (const spare of this.spares.splice(0)) {
				void spare.terminate();
			}
		}, this.options.idleMs);
		this.sparesTimer.unref();
	}

	/**
	 * Boots one spare per turn of the event loop until there are enough: starting a thread holds this one
	 * for ~10 ms (more on a busy box), and the scheduler's fires must not wait behind a row of them.
	 */
	private topUp(): void {
		this.toppingUp = undefined;
		if (this.closed || this.bootBroken || this.spares.length >= this.options.spares) {
			return;
		}

		const spare = this.start(undefined);
		spare.detach();
		this.spares.push(spare);
		if (this.spares.length < this.options.spares) {
			this.toppingUp = setImmediate(() => this.topUp());
		}
	}

	private start(memoryMb: number | undefined): JobWorker {
		return new JobWorker(this.bootCode, this.options.settings, memoryMb, gone => {
			const spare = this.spares.indexOf(gone);
			if (spare !== -1) {
				this.spares.splice(spare, 1);
				this.bootBroken ||= !gone.isReady;
			}

			const idle = this.idle.findIndex(({worker}) => worker === gone);
			if (idle !== -1) {
				clearTimeout(this.idle[idle]!.timer);
				this.idle.splice(idle, 1);
			}

			if (gone.isReady) {
				this.bootBroken = false;
			}
		});
	}
}

function moduleMtime(file: string): number | undefined {
	try {
		return statSync(file).mtimeMs;
	} catch {
		return undefined;
	}
}
