/**
 * `sage-console worker`: takes runs off the worker queues (BullMQ, worker-queues.ts) and carries them
 * out on this machine with the same local executor a console uses. Its heartbeat says who it is, what
 * it listens to and what it runs (worker-heartbeat.ts); cancels reach it on a channel (and through each
 * run's cancel key, read on every beat, in case the channel missed one during a Redis blip). It may
 * come to serve a queue more while it runs (`serve`); it never stops serving one before it stops.
 */
import {hostname} from 'node:os';
import path from 'node:path';
import type {Job} from 'bullmq';
import {Redis} from 'ioredis';
import type {Executor, RunPaths} from '../executors/executor.js';
import {isProcessAlive} from '../executors/process-alive.js';
import {formatZonedIso} from '../time/zoned-time.js';
import {endDeadWorkersLeftovers} from './dead-worker-leftovers.js';
import {evictionPolicy} from './eviction-policy.js';
import {redisOptions} from './redis-options.js';
import {RedisClock} from './redis-clock.js';
import {isDatabaseRefusal, redisProblem} from './redis-problem.js';
import type {RedisTarget} from './redis-settings.js';
import type {RemoteJobData} from './remote-job-data.js';
import {cancelChannel} from './remote-keys.js';
import {ClockOffsetWarning} from './clock-offset-warning.js';
import {tellStalled} from './stalled-run-news.js';
import {TroubleLog} from './trouble-log.js';
import {waitAtMost} from './wait-at-most.js';
import {WorkerHeartbeat} from './worker-heartbeat.js';
import {WorkerLogFiles} from './worker-log-files.js';
import type {WorkerOwnJobs} from './worker-own-jobs.js';
import {claimFreeName} from './worker-name.js';
import type {WorkerLogger} from './worker-logger.js';
import {WorkerQueues} from './worker-queues.js';
import {WorkerRun} from './worker-run.js';
import {endLine} from './worker-run-end-line.js';

export type {WorkerLogger} from './worker-logger.js';

export type RemoteWorkerOptions = {
	target: RedisTarget;
	paths: RunPaths;
	queues: string[];
	/** Runs at once per queue. @default 1 */
	concurrency?: number;
	executor: Executor;
	logger: WorkerLogger;
	version: string;
	/** How long BullMQ's lock on a run lasts without renewal: a dead worker's run is found stalled after it. @default 30_000 */
	lockDurationMs?: number;
	/** How often this worker looks for stalled runs (any worker's). @default 30_000 */
	stalledIntervalMs?: number;
	/** The jobs this worker's checkout defines (its jobs.yaml, read again when it changes): it runs only those. */
	ownJobs: WorkerOwnJobs;
	/** @default 1000 */
	heartbeatMs?: number;
	/** The zone of the times its lines give, as its log's own `time` (jobs.yaml's `timezone`). @default 'Asia/Shanghai' */
	timeZone?: string;
	/** Where runs' logs are written while they go. @default PATHS.logs/worker */
	logDir?: string;
	/**
	 * Redis refused the URL's database once runs were being taken (restarted with fewer `databases`): the
	 * connections went on, on database 0, another box's perhaps. The worker must end at once, writing
	 * nothing more; `reason` says why.
	 */
	onDatabaseRefused?: (reason: string) => void;
};

/** Redis refused the worker at its start: it takes no runs, and its process ends. */
export class WorkerStartError extends Error {
	override name = 'WorkerStartError';
}

/** A run still going this long after it was taken gets a line of its own before its end's. */
const goingLineMs = 1000;
/** A stopped worker waits this long at most for Redis: for its queues once dropped, for its last heartbeat. */
const farewellMs = 2000;

export class RemoteWorker {
	/** `host:pid`, or `host:pid.N` once claimed when that was taken (worker-name.ts). */
	name = `${hostname()}:${process.pid}`;
	private readonly client: Redis;
	private readonly subscriber: Redis;
	/** Made once its name is claimed (begin). */
	private queues!: WorkerQueues;
	private heartbeat!: WorkerHeartbeat;
	private readonly runs = new Map<string, WorkerRun>();
	private stopping = false;
	/** How far its start got: a stop while it waits for Redis ends the wait, one while its queues open waits for them. */
	private phase: 'new' | 'connecting' | 'abandoned' | 'opening' | 'taking' = 'new';
	private startDone: Promise<boolean> | undefined;
	private unstartedClosed: Promise<void> | undefined;
	/** Ends a start still waiting for Redis (set by start()). */
	private abandonStart: () => void = () => undefined;
	private readonly trouble: TroubleLog;
	private readonly logFiles: WorkerLogFiles;
	private readonly clock = new RedisClock();
	private readonly clockWarning: ClockOffsetWarning;
	/** Redis refused the URL's database number (the connections went on, on database 0): it must not start. */
	private refusedDatabase: Error | undefined;
	private readonly logDir: string;
	/** The queues it takes runs from: those of its start, and any since (`serve`). */
	private servedQueues: number;

	constructor(private readonly options: RemoteWorkerOptions) {
		const logDir = options.logDir ?? path.join(options.paths.logs, 'worker');
		this.logDir = logDir;
		this.servedQueues = options.queues.length;
		WorkerLogFiles.removeDeadSpares(logDir, hostname(), isProcessAlive);
		this.logFiles = new WorkerLogFiles(logDir, `${hostname()}-${process.pid}`, this.slots);
		this.trouble = new TroubleLog(options.logger);
		this.clockWarning = new ClockOffsetWarning(options.logger, options.target.shown, () => this.name);
		const base = redisOptions(options.target);
		this.client = new Redis(options.target.url, {...base, connectionName: `sage-worker:${this.name}`});
		this.subscriber = new Redis(options.target.url, {...base, connectionName: `sage-worker:${this.name}:cancels`});
		for (const client of [this.client, this.subscriber]) {
			client.on('error', (error: Error) => {
				if (isDatabaseRefusal(error)) {
					this.refusedDatabase ??= error;
					if (this.phase === 'taking') {
						options.onDatabaseRefused?.(`Redis at ${options.target.shown} refused worker ${this.name} after it restarted (${redisProblem(error)}): the worker ends at once, taking nothing from database 0`);
					}
				}

				this.trouble.tell('Redis', new Error(redisProblem(error)));
			});
		}
	}

	/** Its heartbeat and queues under `name`. */
	private build(name: string): void {
		const {options} = this;
		this.heartbeat = new WorkerHeartbeat({
			client: this.client,
			name,
			queues: options.queues,
			concurrency: options.concurrency ?? 1,
			version: options.version,
			beatMs: options.heartbeatMs ?? 1000,
			clock: this.clock,
			clockMeasured: offsetMs => {
				this.clockWarning.measured(offsetMs);
			},
			runs: this.runs,
			stopping: () => this.stopping,
			cancel: (id, reason) => this.cancel(id, reason),
			tell: (what, error) => this.trouble.tell(what, error),
		});
		this.queues = new WorkerQueues({
			target: options.target,
			name,
			queues: options.queues,
			concurrency: options.concurrency ?? 1,
			lockDurationMs: options.lockDurationMs ?? 30_000,
			stalledIntervalMs: options.stalledIntervalMs ?? 30_000,
			process: async job => this.process(job),
			stalled: (job, reason) => {
				void tellStalled(this.client, job, this.name, reason, options.logger);
			},
			tell: (what, error) => this.trouble.tell(what, error),
		});
	}

	/** Subscribes to cancels, starts beating and taking runs; false when stopped before it took runs. */
	async start(): Promise<boolean> {
		// A stop while it waits for Redis ends the start: the disconnected wait may never settle.
		const abandoned = new Promise<false>(resolve => {
			this.abandonStart = () => {
				resolve(false);
			};
		});
		this.startDone = Promise.race([this.begin(), abandoned]);
		return this.startDone;
	}

	/** Whether it has started taking runs. */
	/** Runs it may carry at once: its concurrency on each queue it serves (those of its start, and any since). */
	get slots(): number {
		return (this.options.concurrency ?? 1) * this.servedQueues;
	}

	get takingRuns(): boolean {
		return this.phase === 'taking';
	}

	private async begin(): Promise<boolean> {
		const {logger, target} = this.options;
		this.phase = 'connecting';
		// Back after trouble was logged (an outage, Redis not up yet at the start): said, so the log does not end on the trouble.
		for (const client of [this.client, this.subscriber]) {
			client.on('ready', () => {
				// Connected, but on database 0 (the URL's refused): not reachable in any use; the start says why.
				if (!this.refusedDatabase && this.trouble.clear()) {
					logger.info({redis: target.shown}, `Redis reachable at ${target.shown}`);
				}
			});
		}

		this.client.once('ready', () => {
			void evictionPolicy(this.client).then(policy => {
				if (policy !== undefined && policy !== 'noeviction') {
					logger.warn({policy}, `Redis at ${target.shown} has maxmemory-policy ${policy}: it may evict queued runs and their results; set maxmemory-policy noeviction`);
				}
			});
		});
		this.subscriber.on('message', (_channel: string, message: string) => {
			const [id, reason] = message.split(' ');
			this.cancel(id ?? '', reason);
		});
		try {
			// Waits for Redis as long as it is away; refused (no or a wrong password), the worker cannot start.
			await this.subscriber.subscribe(cancelChannel);
			if (this.refusedDatabase) {
				throw this.refusedDatabase;
			}
		} catch (error) {
			await this.closeUnstarted();
			if (this.abandoned()) {
				return false;
			}

			throw new WorkerStartError(`worker ${this.name} cannot start: Redis at ${target.shown} refused it (${redisProblem(error as Error)})`, {cause: error});
		}

		if (this.abandoned()) {
			await this.closeUnstarted();
			return false;
		}

		this.phase = 'opening';
		await this.claimName();
		await this.heartbeat.start();
		await this.queues.open();
		this.phase = 'taking';
		const own = this.options.ownJobs.workerJobs.map(job => job.id);
		logger.info({worker: this.name, queues: this.options.queues, concurrency: this.options.concurrency ?? 1, redis: target.shown, jobs: own.length, jobsFile: this.options.ownJobs.label}, `worker ${this.name} taking runs from ${this.options.queues.join(', ')}; it runs ${this.options.ownJobs.counted} of ${this.options.ownJobs.file}${own.length > 0 ? ` (${own.join(', ')})` : ''}, nothing else`);
		// What runs of a worker of this host that died left running here (a command's children) goes, not beside their next attempt.
		void endDeadWorkersLeftovers(this.client, this.logDir, hostname(), isProcessAlive).then(leftovers => {
			for (const {runId, queueJob, worker, ended} of leftovers) {
				logger.warn({runId, queueJob, worker, ended}, `ended ${ended} ${ended === 1 ? 'process' : 'processes'} left running by run ${runId} of worker ${worker}, which died`);
			}
		}, (error: unknown) => {
			logger.warn({err: error}, `could not look for what dead workers' runs left running: ${(error as Error).message}`);
		});
		return true;
	}

	/** Its own name (worker-name.ts), its heartbeat and queues made under it. */
	private async claimName(): Promise<void> {
		const base = this.name;
		// Each try's heartbeat writes the claim, so the last one made is the name's.
		this.name = await claimFreeName(base, async name => {
			this.build(name);
			return this.heartbeat.claim();
		});
		if (this.name !== base) {
			this.options.logger.warn({worker: this.name}, `a worker named ${base} was heard of within the hour (containers with one host name, or restarted with the same pid): this one is ${this.name}`);
		}
	}

	/**
	 * Takes runs from `queue` too, from now until it stops: its BullMQ worker opened, its heartbeat
	 * saying so (from its next beat, made at once), room for the runs it adds. True once it does; false
	 * when it already did, has not started taking runs, or is stopping. Throws when Redis refused the
	 * queue's connections (nothing of it kept: it may be asked again).
	 */
	async serve(queue: string): Promise<boolean> {
		if (this.phase !== 'taking' || this.stopping || !await this.queues.add(queue)) {
			return false;
		}

		this.servedQueues++;
		this.heartbeat.serves(queue);
		this.logFiles.keepMore(this.options.concurrency ?? 1);
		void this.heartbeat.beat();
		return true;
	}

	/** Stopped while its start waited for Redis (read afresh after each wait). */
	private abandoned(): boolean {
		return this.phase === 'abandoned';
	}

	/**
	 * Stops taking runs and waits for those going, up to `graceMs`; what is still going then is given
	 * back (stopped here, and handed to another worker as its next attempt). Asked again: at once.
	 */
	async stop(graceMs: number): Promise<void> {
		if (this.phase === 'connecting') {
			// Still waiting for Redis: nothing taken, nothing to give back; the wait ends here.
			this.phase = 'abandoned';
			await this.closeUnstarted();
			this.abandonStart();
			this.options.logger.info({worker: this.name}, 'worker stopped; it had taken no run');
			return;
		}

		if (this.phase === 'abandoned') {
			return;
		}

		if (this.phase === 'opening') {
			await this.startDone;
		}

		if (this.stopping) {
			this.giveBackAll('again');
			this.queues.hurry(this.client.status !== 'ready');
			return;
		}

		this.stopping = true;
		void this.heartbeat.beat();
		const grace = setTimeout(() => {
			this.giveBackAll(`after its ${Math.round(graceMs / 1000)} s grace`);
			this.queues.hurry(this.client.status !== 'ready');
		}, graceMs);
		if (!await this.queues.close()) {
			this.options.logger.warn({worker: this.name, redis: this.options.target.shown}, 'Redis did not let the queues close in time: connections dropped (runs not handed back go to the next attempt when found stalled)');
			const dropped = this.queues.drop();
			this.client.disconnect();
			await Promise.race([dropped, waitAtMost(farewellMs)]);
		}

		clearTimeout(grace);
		this.heartbeat.stop();
		await this.options.executor.close();
		this.logFiles.close();
		await this.heartbeat.farewell(farewellMs);
		this.client.disconnect();
		this.subscriber.disconnect();
		this.options.logger.info({worker: this.name}, 'worker stopped');
	}

	/** Closes what a start that took no runs had opened (once, however often asked). */
	private async closeUnstarted(): Promise<void> {
		this.unstartedClosed ??= (async () => {
			this.client.disconnect();
			this.subscriber.disconnect();
			await this.options.executor.close();
			this.logFiles.close();
		})();
		return this.unstartedClosed;
	}

	private async process(job: Job<RemoteJobData>): Promise<{status: string}> {
		const id = job.id!;
		// job.data as written to Redis, by a scheduler or anyone else: WorkerRun checks its shape.
		const run = new WorkerRun(id, job.data as unknown, {client: this.client, executor: this.options.executor, name: this.name, clock: this.clock, paths: this.options.paths, logFiles: this.logFiles, ownJobs: this.options.ownJobs});
		this.runs.set(id, run);
		const {runId, jobId} = run.named;
		const fields = {jobId, runId, attempt: (job.data as Partial<RemoteJobData> | null)?.attempt, queueJob: id};
		const takenAt = Date.now();
		// A run that ends within a second is one line, at its end; a longer one is told when it has gone a second too.
		const going = setTimeout(() => {
			this.options.logger.info({...fields, takenAt: formatZonedIso(takenAt, this.options.timeZone ?? 'Asia/Shanghai')}, `run ${runId} of ${jobId} taken, going`);
		}, goingLineMs);
		going.unref();
		try {
			const result = await run.carryOut();
			if (result.refused) {
				this.options.logger.warn({...fields, status: result.status, error: result.refused.type}, `run ${runId} of ${jobId} refused: ${result.refused.type}: ${result.refused.message}`);
				return result;
			}

			this.options.logger.info(...endLine(fields, result, takenAt));
			return result;
		} finally {
			clearTimeout(going);
			this.runs.delete(id);
		}
	}

	/** A cancel for the run with queue job id `id`, from the channel or its cancel key. */
	private cancel(id: string, reason: string | undefined): void {
		this.runs.get(id)?.cancel(reason === 'timeout' ? 'timeout' : 'cancel');
	}

	private giveBackAll(when: string): void {
		for (const run of this.runs.values()) {
			run.giveBack(`worker ${this.name} stopped (SIGTERM) before the run finished, ${when}`);
		}
	}
}
