import {Worker, type ResourceLimits} from 'node:worker_threads';
import {keepWorkerHeapsSteady} from '../threads/steady-worker-heaps.js';
import {workerBootCode} from '../threads/worker-boot-code.js';

/**
 * Job workers started ahead of time so a fire does not wait for a thread and tsx to boot
 * (~100 ms here). `size` counts every worker the pool owns, idle or lent to a run: a busy pool does
 * not boot replacements. A worker whose run ended cleanly comes back for the next run; one that was
 * cancelled, timed out, crashed or had a memory cap is discarded, and a fresh one boots in its place.
 */
export class WarmWorkerPool {
	private readonly ready: Worker[] = [];
	private readonly booting = new Set<Worker>();
	private readonly lent = new Set<Worker>();
	private readonly bootCode = workerBootCode('worker-entry', import.meta.url, 'always');
	private closed = false;

	constructor(private readonly size: number) {
		keepWorkerHeapsSteady();
		this.topUp();
	}

	/** Workers owned by the pool: idle, booting and lent out. */
	get owned(): number {
		return this.ready.length + this.booting.size + this.lent.size;
	}

	/** A worker for a job: an idle one, else one still booting, else a fresh (cold) one; always fresh when resource limits are asked for. */
	acquire(resourceLimits?: ResourceLimits): Worker {
		if (resourceLimits) {
			return this.spawn(resourceLimits);
		}

		// A worker still booting is closer to ready than a new one; the run's message waits in its port.
		const worker = this.ready.shift() ?? this.takeBooting() ?? this.spawn();
		this.lent.add(worker);
		return worker;
	}

	/**
	 * Takes back a worker whose run ended cleanly, to serve the next run without a new thread; when the
	 * pool already owns enough (or is closed) it is terminated instead.
	 */
	release(worker: Worker): void {
		this.lent.delete(worker);
		if (this.closed || this.owned >= this.size) {
			void worker.terminate();
			return;
		}

		worker.unref();
		this.ready.push(worker);
	}

	/** Terminates a worker that must not run again (cancelled, timed out, crashed, memory-capped); its exit boots a replacement. */
	discard(worker: Worker): void {
		this.forget(worker);
		void worker.terminate();
	}

	async close(): Promise<void> {
		this.closed = true;
		await Promise.all([...this.ready, ...this.booting].map(async worker => worker.terminate()));
		this.ready.length = 0;
		this.booting.clear();
	}

	private takeBooting(): Worker | undefined {
		const [oldest] = this.booting;
		if (oldest) {
			this.booting.delete(oldest);
		}

		return oldest;
	}

	private forget(worker: Worker): void {
		const index = this.ready.indexOf(worker);
		if (index !== -1) {
			this.ready.splice(index, 1);
		}

		this.booting.delete(worker);
		this.lent.delete(worker);
	}

	private spawn(resourceLimits?: ResourceLimits): Worker {
		const worker = new Worker(this.bootCode, {
			eval: true,
			resourceLimits,
			// Job output must never reach the terminal the console draws on.
			stdout: true,
			stderr: true,
		});
		// An idle worker that fails (a job's leftover timer throwing) just exits; a run's own handler reports errors during a run.
		worker.on('error', () => undefined);
		worker.once('exit', () => {
			this.forget(worker);
			setImmediate(() => this.topUp());
		});
		return worker;
	}

	private topUp(): void {
		while (!this.closed && this.owned < this.size) {
			const worker = this.spawn();
			this.booting.add(worker);
			worker.once('message', () => {
				if (!this.booting.delete(worker)) {
					return; // Lent to a run before it finished booting.
				}

				if (this.closed) {
					void worker.terminate();
				} else {
					this.ready.push(worker);
				}
			});
			worker.unref();
		}
	}
}
