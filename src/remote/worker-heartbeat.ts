/**
 * A worker's heartbeat: who it is, what it listens to and what it runs (`sage:workers`), and an alive
 * key that expires unless renewed, written every `beatMs`. Each beat also reads the cancel keys of the
 * runs going here, so a cancel sent while the cancel channel was down (a Redis blip) still arrives,
 * and Redis's clock, so the times the worker tells are on it (redis-clock.ts). A queue the worker
 * comes to serve while it runs is said from then on (`serves`).
 */
import {hostname} from 'node:os';
import type {Redis} from 'ioredis';
import type {RedisClock} from './redis-clock.js';
import {runKeys, workerAliveKey, workersKey} from './remote-keys.js';
import {waitAtMost} from './wait-at-most.js';
import type {WorkerBeat} from './worker-beat.js';
import type {WorkerRun} from './worker-run.js';

/** A heartbeat is current for this many beats. */
const aliveBeats = 5;

/** What the beat says of the worker (its name, queues, runs at once and version), and where it goes. */
export type WorkerHeartbeatOptions = Pick<WorkerBeat, 'name' | 'queues' | 'concurrency' | 'version'> & {
	client: Redis;
	beatMs: number;
	/** Set from Redis's TIME at each beat; the beat's own times are on it. */
	clock: RedisClock;
	/** A beat measured the clock's offset anew. */
	clockMeasured(offsetMs: number): void;
	/** The runs going here, by queue job id. */
	runs: ReadonlyMap<string, WorkerRun>;
	/** The worker was told to stop: it takes nothing new. */
	stopping(): boolean;
	/** A run's cancel key holds `reason`. */
	cancel(id: string, reason: string): void;
	tell(what: string, error: Error): void;
};

export class WorkerHeartbeat {
	private readonly startedAt = Date.now();
	/** Its start on Redis's clock, once a beat measured the offset. */
	private startedOnRedis: number | undefined;
	private timer: NodeJS.Timeout | undefined;
	private beating = false;
	/** The queues it says it serves: those of its start, and any opened since. */
	private readonly queues: string[];

	constructor(private readonly options: WorkerHeartbeatOptions) {
		this.queues = [...options.queues];
	}

	/** Beats every `beatMs` from now on; resolves after the first beat. */
	async start(): Promise<void> {
		this.timer = setInterval(() => {
			void this.beat();
		}, this.options.beatMs);
		await this.beat();
	}

	stop(): void {
		clearInterval(this.timer);
	}

	/** Writes the heartbeat and looks at the cancel keys of the runs going here. */
	async beat(): Promise<void> {
		if (this.beating) {
			return;
		}

		this.beating = true;
		const {client, name, runs} = this.options;
		const ids = [...runs.keys()];
		try {
			const multi = client.multi()
				.hset(workersKey, name, JSON.stringify(this.beatOf()))
				.set(workerAliveKey(name), '1', 'PX', this.options.beatMs * aliveBeats)
				.time();
			if (ids.length > 0) {
				multi.mget(ids.map(id => runKeys(id).cancel));
			}

			const sentAt = Date.now();
			// Each reply is [error, value], in the order the commands were queued above.
			const [, , time, cancelKeys] = await multi.exec() ?? [];
			if (this.options.clock.note(time?.[1], sentAt, Date.now())) {
				this.startedOnRedis ??= this.options.clock.on(this.startedAt);
				this.options.clockMeasured(this.options.clock.offset);
			}

			const cancels = (cancelKeys?.[1] ?? []) as Array<string | null>;
			for (const [index, reason] of cancels.entries()) {
				if (reason) {
					this.options.cancel(ids[index]!, reason);
				}
			}
		} catch (error) {
			this.options.tell('heartbeat', error as Error);
		} finally {
			this.beating = false;
		}
	}

	/** Says from the next beat on that it serves `queue` too. */
	serves(queue: string): void {
		if (!this.queues.includes(queue)) {
			this.queues.push(queue);
		}
	}

	/** Writes its first heartbeat if no worker of its name has one (HSETNX): false when the name is taken. */
	async claim(): Promise<boolean> {
		return await this.options.client.hsetnx(workersKey, this.options.name, JSON.stringify(this.beatOf())) === 1;
	}

	/** The stopped worker's last heartbeat, its alive key gone; waits for Redis `withinMs` at most. */
	async farewell(withinMs: number): Promise<void> {
		const {client, name} = this.options;
		await Promise.race([client.multi().hset(workersKey, name, JSON.stringify(this.beatOf())).del(workerAliveKey(name)).exec().catch(() => undefined), waitAtMost(withinMs)]);
	}

	private beatOf(): WorkerBeat {
		return {
			name: this.options.name,
			host: hostname(),
			pid: process.pid,
			queues: [...this.queues],
			concurrency: this.options.concurrency,
			startedAt: this.startedOnRedis ?? this.options.clock.on(this.startedAt),
			at: this.options.clock.now(),
			stopping: this.options.stopping(),
			// A run whose data does not say its number (malformed, failed at once) is no run of the scheduler's.
			runs: [...this.options.runs.values()].flatMap(({named: {runId, jobId}}) => (runId === '?' ? [] : [{runId, jobId}])),
			version: this.options.version,
		};
	}
}
