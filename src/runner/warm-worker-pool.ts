import {createRequire} from 'node:module';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {Worker, type ResourceLimits} from 'node:worker_threads';

const require = createRequire(import.meta.url);

/** The ESM build of tsx's API (`require.resolve` would give the CommonJS one, which an ESM worker cannot use). */
function tsxEsmApiPath(): string {
	const packageJson = require.resolve('tsx/package.json');
	const manifest = require(packageJson) as {exports: Record<string, {import?: {default?: string} | string}>};
	const entry = manifest.exports['./esm/api']?.import;
	const relative = typeof entry === 'string' ? entry : entry?.default;
	if (!relative) {
		throw new Error('cannot find tsx/esm/api; reinstall dependencies');
	}

	return path.join(path.dirname(packageJson), relative);
}

/** The worker entry next to this file: `.js` when built, `.ts` when run from source (through tsx either way). */
function workerBootstrap(): {code: string; tsxApiUrl: string} {
	const extension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
	const entryUrl = new URL(`worker-entry${extension}`, import.meta.url).href;
	const tsxApiUrl = pathToFileURL(tsxEsmApiPath()).href;
	// tsx's loader hooks are registered once per worker, at boot: a later import of a .ts job then costs
	// only its (cached) transform, where tsImport() would register fresh hooks (~200 ms) on every call.
	const code = `import(${JSON.stringify(tsxApiUrl)}).then(api => { api.register(); return import(${JSON.stringify(entryUrl)}); });`;
	return {code, tsxApiUrl};
}

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
	private readonly bootstrap = workerBootstrap();
	private closed = false;

	constructor(private readonly size: number) {
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
		const worker = new Worker(this.bootstrap.code, {
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
