/**
 * `sage-console worker`: takes runs off the worker queues (BullMQ) and carries them out on this
 * machine with the same local executor a console uses. Its heartbeat says who it is, what it listens
 * to and what it runs; cancels reach it on a channel (and through each run's cancel key, read on every
 * beat, in case the channel missed one during a Redis blip). Its BullMQ workers never hand a stalled
 * job out again (`maxStalledCount: 0`): the scheduler decides what becomes of a dead worker's run.
 */
import {hostname} from 'node:os';
import path from 'node:path';
import {Worker, type Job} from 'bullmq';
import {Redis} from 'ioredis';
import type {Executor, RunPaths} from '../executors/executor.js';
import {evictionPolicy} from './eviction-policy.js';
import {redisOptions} from './redis-options.js';
import type {RedisTarget} from './redis-settings.js';
import type {RemoteJobData} from './remote-job-data.js';
import {cancelChannel, queuePrefix, runKeys, runNewsKey, runNewsMaxLength, workerAliveKey, workersKey} from './remote-keys.js';
import {encodeEvent} from './run-events.js';
import type {WorkerBeat} from './worker-beat.js';
import {WorkerLogFiles} from './worker-log-files.js';
import {WorkerRun} from './worker-run.js';
import {isProcessAlive} from '../executors/process-alive.js';

export type WorkerLogger = {
	info(fields: Record<string, unknown>, message: string): void;
	warn(fields: Record<string, unknown>, message: string): void;
	error(fields: Record<string, unknown>, message: string): void;
};

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
	/** @default 1000 */
	heartbeatMs?: number;
	/** Where runs' logs are written while they go. @default PATHS.logs/worker */
	logDir?: string;
};

/** A heartbeat is current for this many beats. */
const aliveBeats = 5;
const stalledMessage = 'job stalled more than allowable limit';
/** A run still going this long after it was taken gets a line of its own before its end's. */
const goingLineMs = 1000;
/** Past the grace (or a second signal), what given-back runs still write gets this long; then the connections are dropped. */
const lastWordMs = 10_000;
/** The stopped worker's last heartbeat is written if Redis answers within this. */
const farewellMs = 2000;

export class RemoteWorker {
	readonly name = `${hostname()}:${process.pid}`;
	private readonly startedAt = Date.now();
	private readonly client: Redis;
	private readonly subscriber: Redis;
	private readonly workers: Worker[] = [];
	private readonly runs = new Map<string, WorkerRun>();
	private heartbeat: NodeJS.Timeout | undefined;
	private beating = false;
	private stopping = false;
	/** While stopping: drops the connections after `lastWordMs` from now, unless the queues closed. */
	private dropSoon: (() => void) | undefined;
	private readonly errorsTold = new Map<string, number>();
	private readonly logFiles: WorkerLogFiles;

	constructor(private readonly options: RemoteWorkerOptions) {
		const logDir = options.logDir ?? path.join(options.paths.logs, 'worker');
		WorkerLogFiles.removeDeadSpares(logDir, hostname(), isProcessAlive);
		this.logFiles = new WorkerLogFiles(logDir, `${hostname()}-${process.pid}`, (options.concurrency ?? 1) * options.queues.length);
		const base = redisOptions(options.target);
		this.client = new Redis(options.target.url, {...base, connectionName: `sage-worker:${this.name}`});
		this.subscriber = new Redis(options.target.url, {...base, connectionName: `sage-worker:${this.name}:cancels`});
		for (const client of [this.client, this.subscriber]) {
			client.on('error', (error: Error) => this.tell('Redis', error));
		}
	}

	/** Subscribes to cancels, starts beating and taking runs. */
	async start(): Promise<void> {
		const {logger, target} = this.options;
		this.client.once('ready', () => {
			void evictionPolicy(this.client).then(policy => {
				if (policy !== undefined && policy !== 'noeviction') {
					logger.warn({policy}, `Redis at ${target.shown} has maxmemory-policy ${policy}: it may evict queued runs and their results; set maxmemory-policy noeviction`);
				}
			});
		});
		this.subscriber.on('message', (_channel: string, message: string) => {
			const [id, reason] = message.split(' ');
			this.runs.get(id ?? '')?.cancel(reason === 'timeout' ? 'timeout' : 'cancel');
		});
		await this.subscriber.subscribe(cancelChannel);
		this.heartbeat = setInterval(() => {
			void this.beat();
		}, this.options.heartbeatMs ?? 1000);
		await this.beat();
		for (const queue of this.options.queues) {
			const worker = new Worker<RemoteJobData>(queue, async job => this.process(job), {
				connection: {url: target.url, ...redisOptions(target)},
				prefix: queuePrefix,
				name: this.name,
				concurrency: this.options.concurrency ?? 1,
				lockDuration: this.options.lockDurationMs ?? 30_000,
				stalledInterval: this.options.stalledIntervalMs ?? 30_000,
				maxStalledCount: 0,
			});
			worker.on('error', error => this.tell(`queue ${queue}`, error));
			worker.on('failed', (job, error) => {
				if (job && error.message === stalledMessage) {
					void this.told(job, error.message);
				}
			});
			this.workers.push(worker);
		}

		logger.info({worker: this.name, queues: this.options.queues, concurrency: this.options.concurrency ?? 1, redis: target.shown}, `worker ${this.name} taking runs from ${this.options.queues.join(', ')}`);
	}

	/**
	 * Stops taking runs and waits for those going, up to `graceMs`; what is still going then is given
	 * back (stopped here, and handed to another worker as its next attempt). Asked again: at once.
	 */
	async stop(graceMs: number): Promise<void> {
		if (this.stopping) {
			this.giveBackAll('again');
			this.dropSoon?.();
			return;
		}

		this.stopping = true;
		void this.beat();
		const grace = setTimeout(() => {
			this.giveBackAll(`after its ${Math.round(graceMs / 1000)} s grace`);
			this.dropSoon?.();
		}, graceMs);
		// Closing a queue waits for Redis (its last moves, QUIT): with Redis away it would wait for ever.
		const closed = Promise.all(this.workers.map(async worker => worker.close())).then(() => true);
		let dropTimer: NodeJS.Timeout | undefined;
		const dropped = new Promise<boolean>(resolve => {
			this.dropSoon = () => {
				dropTimer ??= setTimeout(() => resolve(false), lastWordMs);
			};
		});
		const queuesClosed = await Promise.race([closed, dropped]);
		clearTimeout(dropTimer);
		if (!queuesClosed) {
			this.options.logger.warn({worker: this.name, redis: this.options.target.shown}, 'Redis did not let the queues close in time: connections dropped (runs not handed back go to the next attempt when found stalled)');
			for (const worker of this.workers) {
				void worker.disconnect().catch(() => undefined);
			}

			this.client.disconnect();
			await Promise.race([closed, sleep(farewellMs)]);
		}

		clearTimeout(grace);
		clearInterval(this.heartbeat);
		await this.options.executor.close();
		this.logFiles.close();
		await Promise.race([this.client.multi().hset(workersKey, this.name, JSON.stringify(this.beatOf())).del(workerAliveKey(this.name)).exec().catch(() => undefined), sleep(farewellMs)]);
		this.client.disconnect();
		this.subscriber.disconnect();
		this.options.logger.info({worker: this.name}, 'worker stopped');
	}

	private async process(job: Job<RemoteJobData>): Promise<{status: string}> {
		const id = job.id!;
		const run = new WorkerRun(id, job.data, {client: this.client, executor: this.options.executor, name: this.name, paths: this.options.paths, logFiles: this.logFiles});
		this.runs.set(id, run);
		const fields = {jobId: job.data.jobId, runId: job.data.runId, attempt: job.data.attempt, queueJob: id};
		const takenAt = Date.now();
		// A run that ends within a second is one line, at its end; a longer one is told when it has gone a second too.
		const going = setTimeout(() => {
			this.options.logger.info({...fields, takenAt: new Date(takenAt).toISOString()}, `run ${job.data.runId} of ${job.data.jobId} taken, going`);
		}, goingLineMs);
		going.unref();
		try {
			const result = await run.carryOut();
			this.options.logger.info({...fields, status: result.status, durationMs: Date.now() - takenAt}, result.status === 'claimed' ? `run ${job.data.runId} was already taken by ${result.by ?? '?'}; not run here` : `run ${job.data.runId} of ${job.data.jobId} ${result.status}`);
			return result;
		} finally {
			clearTimeout(going);
			this.runs.delete(id);
		}
	}

	private giveBackAll(when: string): void {
		for (const run of this.runs.values()) {
			run.giveBack(`worker ${this.name} stopped (SIGTERM) before the run finished, ${when}`);
		}
	}

	/** Writes the heartbeat and looks at the cancel keys of the runs going here (a cancel sent while the channel was down). */
	private async beat(): Promise<void> {
		if (this.beating) {
			return;
		}

		this.beating = true;
		const ids = [...this.runs.keys()];
		const beatMs = this.options.heartbeatMs ?? 1000;
		try {
			const multi = this.client.multi()
				.hset(workersKey, this.name, JSON.stringify(this.beatOf()))
				.set(workerAliveKey(this.name), '1', 'PX', beatMs * aliveBeats);
			if (ids.length > 0) {
				multi.mget(ids.map(id => runKeys(id).cancel));
			}

			const replies = await multi.exec();
			const cancels = (replies?.[2]?.[1] ?? []) as Array<string | null>;
			for (const [index, reason] of cancels.entries()) {
				if (reason) {
					this.runs.get(ids[index]!)?.cancel(reason === 'timeout' ? 'timeout' : 'cancel');
				}
			}
		} catch (error) {
			this.tell('heartbeat', error as Error);
		} finally {
			this.beating = false;
		}
	}

	private beatOf(): WorkerBeat {
		return {
			name: this.name,
			host: hostname(),
			pid: process.pid,
			queues: this.options.queues,
			concurrency: this.options.concurrency ?? 1,
			startedAt: this.startedAt,
			at: Date.now(),
			stopping: this.stopping,
			runs: [...this.runs.values()].map(run => ({runId: run.data.runId, jobId: run.jobId})),
			version: this.options.version,
		};
	}

	/** BullMQ found a run stalled (its worker stopped renewing the lock): the scheduler hears it on the run's stream. */
	private async told(job: Job<RemoteJobData>, reason: string): Promise<void> {
		this.options.logger.warn({jobId: job.data.jobId, runId: job.data.runId, queueJob: job.id}, `run ${job.data.runId} of ${job.data.jobId} stalled on its worker: ${reason}`);
		const {events} = runKeys(job.id!);
		await this.client.pipeline().xadd(events, '*', 'e', encodeEvent({t: 'stalled', by: this.name, reason}))
			.xadd(runNewsKey, 'MAXLEN', '~', runNewsMaxLength, '*', 'r', events).exec().catch(() => undefined);
	}

	/** Connection trouble is logged once a minute per kind, not per retry. */
	private tell(what: string, error: Error): void {
		const key = `${what}: ${error.message}`;
		const now = Date.now();
		if (now - (this.errorsTold.get(key) ?? 0) >= 60_000) {
			this.errorsTold.set(key, now);
			this.options.logger.warn({err: error.message}, `${what}: ${error.message}`);
		}
	}
}

/** A bound on a wait for Redis; it does not keep the process alive by itself. */
async function sleep(ms: number): Promise<void> {
	return new Promise(resolve => {
		setTimeout(resolve, ms).unref();
	});
}
