/**
 * The remote executor (src/remote, ~35 files) loaded only once jobs.yaml has `redis:`, at the start or
 * at the reload that adds it: a root without one never runs on workers, and each module a thread
 * imports stays in its heap for the scheduler's whole day. Without `redis:` it answers as the remote
 * executor does without settings; once loaded it stays (a reload that removes `redis:` leaves it idle).
 */
import type {JobDefinition, SchedulerConfig} from '../core/job-definition.js';
import type {CancelReason, Executor, RunHandle, RunOutcome, RunSink, RunSpec} from '../executors/executor.js';
import type {RemoteExecutor} from '../remote/remote-executor.js';
import type {AbandonedRun} from '../scheduler/ports.js';

export class RemotePart implements Executor {
	private remote: RemoteExecutor | undefined;
	private loading: Promise<void> | undefined;
	private problem: string | undefined;
	private watching = false;
	private closed = false;

	/**
	 * `load` imports and makes the remote executor; `detachable` as its own (false for a one-off
	 * foreground run, whose runs cannot outlive it).
	 */
	constructor(private readonly load: () => Promise<RemoteExecutor>, private readonly detachable: boolean) {}

	/** Starts loading the remote executor when `config` has `redis:` (before the scheduler arms its jobs). */
	need(config: Pick<SchedulerConfig, 'redis'>): void {
		if (!config.redis || this.loading || this.closed) {
			return;
		}

		this.loading = this.load().then(remote => {
			this.remote = remote;
			if (this.watching) {
				remote.watch();
			}
		}, (error: unknown) => {
			this.problem = `the remote executor could not be loaded: ${(error as Error).message}`;
		});
	}

	start(spec: RunSpec, sink: RunSink): RunHandle {
		if (this.remote) {
			return this.remote.start(spec, sink);
		}

		if (this.loading && !this.problem) {
			return this.startWhenLoaded(spec, sink, this.loading);
		}

		return failed(this.closed ? 'the scheduler is stopping' : this.problem ?? 'jobs.yaml has no redis: URL for runs on workers');
	}

	/** See RemoteExecutor.prepareAdoption; settles once what need() started loading is loaded (the start waits for it, so adoptRun has it). */
	async prepareAdoption(runs: readonly AbandonedRun[], timeoutMs?: number): Promise<void> {
		await this.loading;
		await this.remote?.prepareAdoption(runs, timeoutMs);
	}

	/** See RemoteExecutor.adoptRun; none without `redis:` (no job runs on workers). */
	adoptRun(run: AbandonedRun, job: JobDefinition): ReturnType<RemoteExecutor['adoptRun']> {
		return this.remote?.adoptRun(run, job);
	}

	/** Watches workers and queues from now on, once loaded. */
	watch(): void {
		this.watching = true;
		this.remote?.watch();
	}

	async close(): Promise<void> {
		this.closed = true;
		await this.loading;
		await this.remote?.close();
	}

	/**
	 * A run on workers that starts while the remote executor loads (a reload added `redis:` and a job
	 * that fires at once): the scheduler counts it started now, and it goes to its queue once loaded.
	 */
	private startWhenLoaded(spec: RunSpec, sink: RunSink, loading: Promise<void>): RunHandle {
		let handle: RunHandle | undefined;
		let cancelled: CancelReason | undefined;
		let detached = false;
		const done = loading.then(async (): Promise<RunOutcome> => {
			handle = this.start(spec, sink);
			if (cancelled) {
				handle.cancel(cancelled);
			}

			if (detached) {
				handle.detach?.();
			}

			return handle.done;
		});
		return {
			done,
			startsLater: true,
			// Not on the queue before its Redis is loaded: nothing to take back then.
			withdraw: async message => handle?.withdraw?.(message) ?? false,
			cancel(reason) {
				if (handle) {
					handle.cancel(reason);
				} else {
					cancelled = reason;
				}
			},
			...(this.detachable ? {
				detach() {
					if (handle) {
						handle.detach?.();
					} else {
						detached = true;
					}
				},
			} : {}),
		};
	}
}

function failed(message: string): RunHandle {
	const outcome: RunOutcome = {status: 'failed', error: {type: 'RedisUnavailable', message}};
	return {done: Promise.resolve(outcome), cancel() {}};
}
