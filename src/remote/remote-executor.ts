/**
 * Runs on workers, from the scheduler's side: the Executor for `run_on: workers` jobs. Each run is
 * put on its BullMQ queue and followed (RemoteRun); Redis is reached lazily (RedisLink), so a console
 * whose Redis is down starts and runs local jobs as ever, while runs on workers fail fast and the
 * operator is told once. It also re-attaches to runs a previous scheduler left on the workers
 * (remote-adoption.ts), keeps the scheduler's picture of workers and queues current
 * (remote-view-poll.ts), and hands a dead worker's run to another (hand-over-count.ts).
 */
import type {JobDefinition, RedisSettings} from '../core/job-definition.js';
import type {Executor, RunHandle, RunOutcome, RunPaths, RunSink, RunSpec} from '../executors/executor.js';
import {guardedSink} from '../executors/guarded-sink.js';
import type {RemoteView} from '../protocol/snapshot.js';
import type {AbandonedRun} from '../scheduler/ports.js';
import {HandOverCount} from './hand-over-count.js';
import {RemoteAdoption} from './remote-adoption.js';
import {RemoteConnection} from './remote-connection.js';
import {RemoteRun, type RemoteRunContext} from './remote-run.js';
import {RemoteViewPoll} from './remote-view-poll.js';
import {UnservedQueues} from './unserved-queues.js';
import {UnusedWorkerQueues} from './unused-worker-queues.js';
import {WorkerVersions} from './worker-versions.js';

export type RemoteExecutorOptions = {
	paths: RunPaths;
	/** This scheduler's sage-console version: workers on another one are told of. */
	version: string;
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
	/**
	 * Why a run that did not finish on its worker gets no next attempt though it may be handed over
	 * (its job paused, disabled or removed while it ran), or undefined when it gets one.
	 */
	handOverHeld?(spec: RunSpec): string | undefined;
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
	private readonly connection: RemoteConnection;
	private readonly adoption: RemoteAdoption;
	private readonly viewPoll: RemoteViewPoll;
	private readonly handOvers: HandOverCount;
	private readonly runs = new Set<RemoteRun>();
	private closed = false;

	constructor(private readonly options: RemoteExecutorOptions) {
		const closed = () => this.closed;
		this.connection = new RemoteConnection({
			root: options.paths.root,
			settings: () => options.settings(),
			say: (level, msg) => {
				options.say(level, msg);
			},
			notice: (key, text) => {
				options.notice(key, text);
			},
			closed,
			changed: () => {
				void this.viewPoll.poll();
			},
		});
		const unserved = new UnservedQueues(text => {
			options.notice('worker-queues', text);
		});
		const versions = new WorkerVersions(options.version, text => {
			options.notice('worker-versions', text);
		});
		const unused = new UnusedWorkerQueues(text => {
			options.notice('unused-worker-queues', text);
		});
		this.adoption = new RemoteAdoption({paths: options.paths, job: jobId => options.job(jobId), queueOf: workerQueueOf, link: () => this.connection.ensure()?.link});
		this.viewPoll = new RemoteViewPoll({
			connection: this.connection,
			settings: () => options.settings(),
			queues: () => options.queues(),
			view: view => {
				unserved.look(view, Date.now());
				versions.look(view);
				unused.look(view, options.queues());
				options.view({...view, schedulerVersion: options.version});
			},
			closed,
			checkRuns: async now => {
				await Promise.all([...this.runs].map(async run => run.check(now)));
			},
			connectTimeoutMs: options.connectTimeoutMs ?? 1500,
			pollMs: options.pollMs ?? 1000,
		});
		this.handOvers = new HandOverCount(options.maxHandOvers ?? 3);
	}

	start(spec: RunSpec, sink: RunSink): RunHandle {
		const job = this.options.job(spec.jobId);
		const run = this.closed || !job ? undefined : this.newRun(spec, sink, workerQueueOf(job));
		if (!run) {
			return failed(this.closed ? 'the scheduler is stopping' : this.connection.problem ?? `${spec.jobId} does not run on workers`);
		}

		void run.enqueue();
		return this.handleOf(run);
	}

	/**
	 * Reads the parameters of runs a previous scheduler left on the workers (for their retries), waiting
	 * at most `timeoutMs` for Redis: an unreachable Redis must not hold up the start.
	 */
	async prepareAdoption(runs: readonly AbandonedRun[], timeoutMs = 2000): Promise<void> {
		await this.adoption.prepare(runs, timeoutMs);
	}

	/** For the scheduler's start (see AdoptRun): a run left `running` on the workers, followed again. */
	adoptRun(run: AbandonedRun, job: JobDefinition): {start(sink: RunSink): RunHandle; params?: Record<string, unknown>} | undefined {
		const spec = this.closed ? undefined : this.adoption.specOf(run, job);
		if (!spec) {
			return undefined;
		}

		return {
			params: spec.params,
			start: sink => {
				const remote = this.newRun(spec, sink, workerQueueOf(job));
				if (!remote) {
					return failed(this.connection.problem ?? 'Redis is not configured');
				}

				void remote.resume();
				return this.handleOf(remote);
			},
		};
	}

	/** Starts watching workers and queues (when jobs.yaml has `redis:`). */
	watch(): void {
		this.viewPoll.start();
	}

	async close(): Promise<void> {
		this.closed = true;
		this.viewPoll.stop();
		// What is still followed here cannot outlive us (a foreground run): it was cancelled by the scheduler.
		await Promise.race([Promise.all([...this.runs].map(async run => run.done)), new Promise(resolve => {
			setTimeout(resolve, 2000).unref();
		})]);
		await this.connection.close();
	}

	private handleOf(run: RemoteRun): RunHandle {
		const {handle} = run;
		return this.options.detachable === false ? {done: handle.done, cancel: handle.cancel} : handle;
	}

	private newRun(spec: RunSpec, sink: RunSink, queueName: string): RemoteRun | undefined {
		const parts = this.connection.ensure();
		if (!parts) {
			return undefined;
		}

		const {link, reader, directory} = parts;
		const context: RemoteRunContext = {
			link,
			reader,
			queueName,
			connectTimeoutMs: this.options.connectTimeoutMs ?? 1500,
			silentGraceMs: this.options.silentGraceMs ?? 15_000,
			workerAlive: worker => directory.alive(worker),
			workerLastBeatAt: worker => directory.lastBeatAt(worker),
			handOverHeld: run => this.options.handOverHeld?.(run),
			mayHandOver: run => this.handOvers.take(run),
			handOver: run => {
				this.options.handOver(run);
			},
			forget: ended => this.runs.delete(ended),
		};
		const run = new RemoteRun(spec, guardedSink(sink), context);
		this.runs.add(run);
		return run;
	}
}

function failed(message: string): RunHandle {
	const outcome: RunOutcome = {status: 'failed', error: {type: 'RedisUnavailable', message}};
	return {done: Promise.resolve(outcome), cancel() {}};
}
