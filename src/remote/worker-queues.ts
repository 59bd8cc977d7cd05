/**
 * A worker's BullMQ workers, one per queue it takes runs from. They never hand a stalled job out again
 * (`maxStalledCount: 0`): the scheduler decides what becomes of a dead worker's run. Closing them waits
 * for the runs going here and for Redis: with Redis away it would wait for ever, so a stopping worker
 * can have them dropped instead. A worker that follows its jobs.yaml opens one more queue while it
 * runs (`add`), as those of its start.
 */
import {Worker, type Job} from 'bullmq';
import {redisOptions} from './redis-options.js';
import {redisProblem} from './redis-problem.js';
import type {RedisTarget} from './redis-settings.js';
import type {RemoteJobData} from './remote-job-data.js';
import {queuePrefix} from './remote-keys.js';
import type {WorkerBeat} from './worker-beat.js';

const stalledMessage = 'job stalled more than allowable limit';
/** Past the grace (or a second signal), what given-back runs still write gets this long; then the connections are dropped. */
const lastWordMs = 10_000;

/** The worker as its heartbeat names it (`host:pid`, its queues, runs at once per queue), and its Redis. */
export type WorkerQueuesOptions = Pick<WorkerBeat, 'name' | 'queues' | 'concurrency'> & {
	target: RedisTarget;
	lockDurationMs: number;
	stalledIntervalMs: number;
	/** Carries out a run taken off a queue. */
	process(job: Job<RemoteJobData>): Promise<{status: string}>;
	/** BullMQ found a run stalled (any worker's). */
	stalled(job: Job<RemoteJobData>, reason: string): void;
	tell(what: string, error: Error): void;
};

export class WorkerQueues {
	private readonly workers: Worker[] = [];
	/** The queues it has a BullMQ worker for. */
	private readonly opened = new Set<string>();
	/** Connections of queues added while it runs, still being made: a close waits for them. */
	private readonly opening = new Set<Promise<unknown>>();
	private closed: Promise<boolean> | undefined;
	/** While closing: drops the connections after `waitMs` from now, unless the queues closed. */
	private dropSoon: ((waitMs: number) => void) | undefined;

	constructor(private readonly options: WorkerQueuesOptions) {}

	/**
	 * Starts taking runs; resolves once every queue's connections are ready (BullMQ cannot close a
	 * worker whose connections are still being made: their late failure is thrown, uncaught).
	 */
	async open(): Promise<void> {
		const made = this.options.queues.map(queue => this.made(queue));
		await Promise.all(made.map(async worker => worker.waitUntilReady()));
	}

	/**
	 * Starts taking runs from `queue` too; resolves true once its connections are ready, false when it
	 * has it already or is closing. A close meanwhile waits for them; connections that fail are closed
	 * (thrown: it may be asked again).
	 */
	async add(queue: string): Promise<boolean> {
		if (this.closed || this.opened.has(queue)) {
			return false;
		}

		const worker = this.made(queue);
		const ready = worker.waitUntilReady();
		this.opening.add(ready);
		try {
			await ready;
			return true;
		} catch (error) {
			this.workers.splice(this.workers.indexOf(worker), 1);
			this.opened.delete(queue);
			void worker.close().catch(() => undefined);
			throw error;
		} finally {
			this.opening.delete(ready);
		}
	}

	/** The BullMQ worker of `queue`, taking runs from now on. */
	private made(queue: string): Worker<RemoteJobData> {
		const {target} = this.options;
		const worker = new Worker<RemoteJobData>(queue, async job => this.options.process(job), {
			connection: {url: target.url, ...redisOptions(target)},
			prefix: queuePrefix,
			name: this.options.name,
			concurrency: this.options.concurrency,
			lockDuration: this.options.lockDurationMs,
			stalledInterval: this.options.stalledIntervalMs,
			maxStalledCount: 0,
		});
		worker.on('error', error => this.options.tell(`queue ${queue}`, new Error(redisProblem(error))));
		worker.on('failed', (job, error) => {
			if (job && error.message === stalledMessage) {
				this.options.stalled(job, error.message);
			}
		});
		this.workers.push(worker);
		this.opened.add(queue);
		return worker;
	}

	/**
	 * Closes the queues: true once they are closed, false when `hurry` was called and they were still
	 * not closed `lastWordMs` later (then `drop` them).
	 */
	async close(): Promise<boolean> {
		const made = Promise.all([...this.opening].map(async ready => ready.catch(() => undefined)));
		this.closed = made.then(async () => Promise.all(this.workers.map(async worker => worker.close()))).then(() => true);
		let dropTimer: NodeJS.Timeout | undefined;
		const dropped = new Promise<boolean>(resolve => {
			this.dropSoon = waitMs => {
				dropTimer ??= setTimeout(() => resolve(false), waitMs);
			};
		});
		const queuesClosed = await Promise.race([this.closed, dropped]);
		clearTimeout(dropTimer);
		return queuesClosed;
	}

	/**
	 * The close may wait `lastWordMs` more at most (nothing before `close`); none when Redis is away
	 * (`redisAway`): nothing it would say could reach it, and the worker should not wait for it.
	 */
	hurry(redisAway = false): void {
		this.dropSoon?.(redisAway ? 0 : lastWordMs);
	}

	/** Drops the queues' connections; resolves when the close ends after all. */
	async drop(): Promise<void> {
		for (const worker of this.workers) {
			void worker.disconnect().catch(() => undefined);
		}

		await this.closed;
	}
}
