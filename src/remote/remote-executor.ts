/**
 * Runs on workers, from the scheduler's side: the Executor for `run_on: workers` jobs. Each run is
 * put on its BullMQ queue and followed (RemoteRun); Redis is reached lazily (RedisLink), so a console
 * whose Redis is down starts and runs local jobs as ever, while runs on workers fail fast and the
 * operator is told once. It also re-attaches to runs a previous scheduler left on the workers, keeps
 * the scheduler's picture of workers and queues current, and hands a dead worker's run to another.
 */
import type {JobDefinition, RedisSettings} from '../core/job-definition.js';
import type {Executor, RunHandle, RunOutcome, RunPaths, RunSink, RunSpec} from '../executors/executor.js';
import type {RemoteView} from '../protocol/snapshot.js';
import type {AbandonedRun} from '../scheduler/ports.js';
import {RedisLink} from './redis-link.js';
import {redisTarget, RedisSettingsError, shownUrl} from './redis-settings.js';
import {queueJobId} from './remote-keys.js';
import {RemoteRun, type RemoteRunContext} from './remote-run.js';
import {RunEventReader} from './run-event-reader.js';
import {WorkerDirectory} from './worker-directory.js';

export type RemoteExecutorOptions = {
	paths: RunPaths;
	settings(): RedisSettings | undefined;
	/** The job's definition now (its worker queue). */
	job(jobId: string): JobDefinition | undefined;
	/** Every worker queue the config names (their depths are shown). */
	queues(): string[];
	say(level: 'info' | 'warn' | 'error', msg: string, fields?: {jobId?: string; runId?: number}): void;
	/** A standing notice (undefined clears it). */
	notice(key: string, text: string | undefined): void;
	view(view: RemoteView | undefined): void;
	/** Asks for the next attempt of a run that did not finish on its worker. */
	handOver(spec: RunSpec): void;
	/** The scheduler may stop while runs go on on the workers (false for a one-off foreground run). @default true */
	detachable?: boolean;
	/** How long a new run waits for Redis before failing. @default 1500 */
	connectTimeoutMs?: number;
	/** How long a cancel or timeout may go unanswered by the worker. @default 15_000 */
	silentGraceMs?: number;
	/** How often workers, queues and runs on dead workers are looked at. @default 1000 */
	pollMs?: number;
	/** Hand-overs of one scheduled run at most (a job that kills its worker each time stops here). @default 3 */
	maxHandOvers?: number;
};

/** The worker queue of a job: `workers:`, else its `queue`. */
export function workerQueueOf(job: Pick<JobDefinition, 'workerQueue' | 'queue'>): string {
	return job.workerQueue ?? job.queue;
}

export class RemoteExecutor implements Executor {
	private link: RedisLink | undefined;
	private linkProblem: string | undefined;
	private reader: RunEventReader | undefined;
	private directory: WorkerDirectory | undefined;
	private readonly runs = new Set<RemoteRun>();
	private readonly handOvers = new Map<string, number>();
	private readonly adoptedParams = new Map<number, Record<string, unknown>>();
	private pollTimer: NodeJS.Timeout | undefined;
	private polling = false;
	private polls = 0;
	private view: RemoteView | undefined;
	private viewShownAt = 0;
	private evictionWarning: string | undefined;
	private closed = false;

	constructor(private readonly options: RemoteExecutorOptions) {}

	start(spec: RunSpec, sink: RunSink): RunHandle {
		const job = this.options.job(spec.jobId);
		const run = this.closed || !job ? undefined : this.newRun(spec, sink, workerQueueOf(job));
		if (!run) {
			return failed(this.closed ? 'the scheduler is stopping' : this.linkProblem ?? `${spec.jobId} does not run on workers`);
		}

		void run.enqueue();
		return this.handleOf(run);
	}

	/**
	 * Reads the parameters of runs a previous scheduler left on the workers (for their retries), waiting
	 * at most `timeoutMs` for Redis: an unreachable Redis must not hold up the start.
	 */
	async prepareAdoption(runs: readonly AbandonedRun[], timeoutMs = 2000): Promise<void> {
		const candidates = runs.flatMap(run => {
			const job = this.options.job(run.jobId);
			return run.status === 'running' && job?.runOn === 'workers' ? [{run, queue: workerQueueOf(job)}] : [];
		});
		const link = candidates.length > 0 ? this.ensureLink() : undefined;
		if (!link) {
			return;
		}

		const read = Promise.all(candidates.map(async ({run, queue}) => {
			const found = await link.queue(queue).getJob(queueJobId({...run, runId: run.id}));
			const params = (found?.data as {params?: Record<string, unknown>} | undefined)?.params;
			if (params) {
				this.adoptedParams.set(run.id, params);
			}
		}));
		await Promise.race([read.catch(() => undefined), new Promise(resolve => {
			setTimeout(resolve, timeoutMs).unref();
		})]);
	}

	/** For the scheduler's start (see AdoptRun): a run left `running` on the workers, followed again. */
	adoptRun(run: AbandonedRun, job: JobDefinition): {start(sink: RunSink): RunHandle; params?: Record<string, unknown>} | undefined {
		if (job.runOn !== 'workers' || job.target.kind === 'group' || run.logPath === undefined || this.closed) {
			return undefined;
		}

		const params = this.adoptedParams.get(run.id) ?? job.params;
		const spec: RunSpec = {
			runId: run.id, jobId: run.jobId, target: job.target, params, scheduledAt: run.scheduledAt, attempt: run.attempt, trigger: run.trigger, tradeDate: run.tradeDate,
			timeZone: job.timezone, logPath: run.logPath, paths: this.options.paths, timeoutMs: job.timeoutMs, maxMemoryMb: job.maxMemoryMb,
		};
		return {
			params,
			start: sink => {
				const remote = this.newRun(spec, sink, workerQueueOf(job));
				if (!remote) {
					return failed(this.linkProblem ?? 'Redis is not configured');
				}

				void remote.resume();
				return this.handleOf(remote);
			},
		};
	}

	/** Starts watching workers and queues (when jobs.yaml has `redis:`). */
	watch(): void {
		if (this.pollTimer || this.closed) {
			return;
		}

		this.pollTimer = setInterval(() => {
			void this.poll();
		}, this.options.pollMs ?? 1000);
		this.pollTimer.unref();
		void this.poll();
	}

	async close(): Promise<void> {
		this.closed = true;
		clearInterval(this.pollTimer);
		// What is still followed here cannot outlive us (a foreground run): it was cancelled by the scheduler.
		await Promise.race([Promise.all([...this.runs].map(async run => run.done)), new Promise(resolve => {
			setTimeout(resolve, 2000).unref();
		})]);
		this.reader?.stop();
		await this.link?.close();
	}

	private handleOf(run: RemoteRun): RunHandle {
		const {handle} = run;
		return this.options.detachable === false ? {done: handle.done, cancel: handle.cancel} : handle;
	}

	private newRun(spec: RunSpec, sink: RunSink, queueName: string): RemoteRun | undefined {
		const link = this.ensureLink();
		if (!link || !this.reader || !this.directory) {
			return undefined;
		}

		const directory = this.directory;
		const context: RemoteRunContext = {
			link,
			reader: this.reader,
			queueName,
			connectTimeoutMs: this.options.connectTimeoutMs ?? 1500,
			silentGraceMs: this.options.silentGraceMs ?? 15_000,
			workerAlive: worker => directory.alive(worker),
			mayHandOver: run => this.countHandOver(run),
			handOver: run => {
				this.options.handOver(run);
			},
			forget: ended => this.runs.delete(ended),
		};
		const run = new RemoteRun(spec, guarded(sink), context);
		this.runs.add(run);
		return run;
	}

	/** The link to Redis, made on first use; undefined (with `linkProblem`) when the settings are unusable. */
	private ensureLink(): RedisLink | undefined {
		if (this.link || this.closed) {
			return this.link;
		}

		const settings = this.options.settings();
		if (!settings) {
			this.linkProblem = 'jobs.yaml has no redis: URL for runs on workers';
			return undefined;
		}

		try {
			const target = redisTarget(settings, this.options.paths.root);
			this.link = new RedisLink(target, {
				changed: (reachable, problem) => this.linkChanged(reachable, problem),
				eviction: policy => {
					this.evictionWarning = `Redis at ${target.shown} has maxmemory-policy ${policy}: it may evict queued runs and their results; set maxmemory-policy noeviction`;
					this.options.say('warn', this.evictionWarning);
					this.options.notice('redis-eviction', this.evictionWarning);
				},
			});
			this.reader = new RunEventReader(this.link);
			this.directory = new WorkerDirectory(this.link);
			return this.link;
		} catch (error) {
			this.linkProblem = error instanceof RedisSettingsError ? error.message : `Redis at ${shownUrl(settings.url)}: ${(error as Error).message}`;
			this.options.say('error', `${this.linkProblem}: runs on workers fail until it is fixed`);
			this.options.notice('redis', this.linkProblem);
			return undefined;
		}
	}

	/** Told once per change: the console's log and a standing notice while Redis is unreachable. */
	private linkChanged(reachable: boolean, problem: string | undefined): void {
		const shown = this.link!.target.shown;
		if (reachable) {
			this.options.say('info', `Redis reachable at ${shown}: runs on workers go to the workers`);
			this.options.notice('redis', undefined);
		} else {
			const text = `Redis unreachable at ${shown}${problem ? ` (${problem})` : ''}: runs on workers fail until it is back; local jobs go on`;
			this.options.say('error', text);
			this.options.notice('redis', text);
		}

		void this.poll();
	}

	private countHandOver(spec: RunSpec): boolean {
		const key = `${spec.jobId}.${spec.scheduledAt}`;
		const count = this.handOvers.get(key) ?? 0;
		if (count >= (this.options.maxHandOvers ?? 3)) {
			return false;
		}

		this.handOvers.set(key, count + 1);
		if (this.handOvers.size > 1000) {
			this.handOvers.delete(this.handOvers.keys().next().value!);
		}

		return true;
	}

	private async poll(): Promise<void> {
		if (this.polling || this.closed || !this.options.settings()) {
			return;
		}

		const link = this.ensureLink();
		if (!link || !this.directory) {
			return;
		}

		this.polling = true;
		try {
			if (!link.reachable) {
				await link.whenReady(this.options.connectTimeoutMs ?? 1500);
			}

			if (!link.reachable) {
				this.show({...this.baseView(link), workers: this.view?.workers.map(worker => ({...worker, online: false, runs: []})) ?? [], queues: this.view?.queues ?? []});
				return;
			}

			const workers = await this.directory.pollWorkers();
			const queues = this.polls++ % 2 === 0 || !this.view ? await this.directory.pollQueues([...this.options.queues(), ...workers.flatMap(worker => worker.queues)]) : this.view.queues;
			this.show({...this.baseView(link), workers, queues});
			const now = Date.now();
			await Promise.all([...this.runs].map(async run => run.check(now)));
		} catch {
			// Redis went away mid-poll: the link tells it; the next poll shows it.
		} finally {
			this.polling = false;
		}
	}

	private baseView(link: RedisLink): Pick<RemoteView, 'redis' | 'reachable' | 'problem' | 'evictionWarning'> {
		return {
			redis: link.target.shown,
			reachable: link.reachable,
			...(link.reachable || !link.problem ? {} : {problem: link.problem}),
			...(this.evictionWarning ? {evictionWarning: this.evictionWarning} : {}),
		};
	}

	/** A new view when something but the time a worker was last seen changed, else every few seconds. */
	private show(view: RemoteView): void {
		const now = Date.now();
		const key = (shown: RemoteView | undefined) => JSON.stringify(shown && {...shown, workers: shown.workers.map(worker => ({...worker, lastSeenAt: 0}))});
		if (key(view) === key(this.view) && now - this.viewShownAt < 5000) {
			return;
		}

		this.view = view;
		this.viewShownAt = now;
		this.options.view(view);
	}
}

/** The sink with every call guarded (its contract: never throws), the worker's name passed on. */
function guarded(sink: RunSink): RunSink {
	const attempt = (call: () => void) => {
		try {
			call();
		} catch {
			// A broken sink loses this report; the run goes on and still settles.
		}
	};

	return {
		started: (at, process, worker) => attempt(() => sink.started(at, process, worker)),
		progress: (fraction, message) => attempt(() => sink.progress(fraction, message)),
		log: lines => attempt(() => sink.log(lines)),
		notify: (title, body, users) => attempt(() => sink.notify(title, body, users)),
	};
}

function failed(message: string): RunHandle {
	const outcome: RunOutcome = {status: 'failed', error: {type: 'RedisUnavailable', message}};
	return {done: Promise.resolve(outcome), cancel() {}};
}
