/**
 * The scheduler's connections to Redis for runs on workers, made on first use so a console whose
 * Redis is down starts, and runs its local jobs, as if it had none. It knows whether Redis answers
 * now (`reachable`) and tells each change once: a run on workers fails fast with the reason while
 * Redis is down, instead of every run waiting for it.
 */
import {createRequire} from 'node:module';
import type * as BullMq from 'bullmq';
import type {Queue} from 'bullmq';
import type * as IoRedis from 'ioredis';
import type {Redis} from 'ioredis';
import {queuePrefix} from './remote-keys.js';
import {redisOptions} from './redis-options.js';
import {isDatabaseRefusal, redisProblem} from './redis-problem.js';
import type {RedisTarget} from './redis-settings.js';
import {evictionPolicy} from './eviction-policy.js';

/**
 * BullMQ and ioredis (~30 MB of a thread's memory) are loaded when a run on workers first needs
 * Redis, not by every scheduler. Both are CommonJS packages (BullMQ has no ESM entry for Node), so
 * `require` gives the very modules an `import` would.
 */
const load = createRequire(import.meta.url);
const redisLibraries = () => ({
	Queue: (load('bullmq') as typeof BullMq).Queue,
	Redis: (load('ioredis') as typeof IoRedis).Redis,
});

export type LinkEvents = {
	/** Reachable again, or not any more (`problem` says why). Called on changes only. */
	changed(reachable: boolean, problem: string | undefined): void;
	/** Redis's maxmemory-policy, read at each connect (a Redis restarted with another setting says so); undefined when it cannot be read. */
	eviction(policy: string | undefined): void;
};

export class RedisLink {
	reachable = false;
	/** Why the last attempt failed, while unreachable. */
	problem: string | undefined;
	private told: boolean | undefined;
	/** The problem told with the last `unreachable`. */
	private toldProblem: string | undefined;
	private commands: Redis | undefined;
	private blockingClient: Redis | undefined;
	private readonly queues = new Map<string, Queue>();
	private readonly waiters = new Set<() => void>();
	private closed = false;

	constructor(readonly target: RedisTarget, private readonly events: LinkEvents) {}

	/** The connection for ordinary commands (queued while Redis is away, sent once it is back). */
	get command(): Redis {
		if (!this.commands) {
			this.commands = this.connect('commands');
		}

		return this.commands;
	}

	/** A connection of its own for blocking reads (XREAD BLOCK), which would hold up every other command. */
	get blocking(): Redis {
		this.blockingClient ??= this.connect('reader');
		return this.blockingClient;
	}

	/** The BullMQ queue `name`, sharing the command connection. */
	queue(name: string): Queue {
		let queue = this.queues.get(name);
		if (!queue) {
			// skipVersionCheck: BullMQ would print its eviction warning with console.warn, which reaches the
			// console's screen; the link checks the policy itself and tells it through the scheduler's log.
			queue = new (redisLibraries().Queue)(name, {connection: this.command, prefix: queuePrefix, skipVersionCheck: true});
			// Connection errors are the link's to tell; an unheard 'error' would print to the screen.
			queue.on('error', () => undefined);
			this.queues.set(name, queue);
		}

		return queue;
	}

	get isClosed(): boolean {
		return this.closed;
	}

	/** Whether Redis answers within `timeoutMs` (at once when it already does). */
	async whenReady(timeoutMs: number): Promise<boolean> {
		void this.command;
		if (this.reachable || this.closed) {
			return this.reachable;
		}

		return new Promise(resolve => {
			const done = () => {
				clearTimeout(timer);
				this.waiters.delete(done);
				resolve(this.reachable);
			};

			const timer = setTimeout(() => {
				this.tell(false);
				done();
			}, timeoutMs);
			this.waiters.add(done);
		});
	}

	async close(): Promise<void> {
		this.closed = true;
		this.wakeWaiters();

		await Promise.allSettled([...this.queues.values()].map(async queue => queue.close()));
		for (const client of [this.commands, this.blockingClient]) {
			client?.disconnect();
		}
	}

	private connect(role: string): Redis {
		const client = new (redisLibraries().Redis)(this.target.url, {...redisOptions(this.target), connectionName: `sage-console:${role}`});
		// Redis refused the URL's database (this connection's SELECT): connected, but to database 0.
		let refusedDatabase = false;
		client.on('connect', () => {
			refusedDatabase = false;
		});
		client.on('error', (error: Error) => {
			this.problem = redisProblem(error);
			refusedDatabase ||= isDatabaseRefusal(error);
		});
		if (role === 'commands') {
			client.on('ready', () => {
				if (refusedDatabase) {
					// Unusable, as if unreachable (told with the refusal): runs on workers fail fast instead of going to database 0.
					// After an outage already told (Redis restarted with fewer databases), the refusal is told too.
					this.tell(false, this.problem !== this.toldProblem);
					this.wakeWaiters();
					return;
				}

				this.reachable = true;
				this.problem = undefined;
				this.tell(true);
				this.wakeWaiters();

				void this.checkEviction(client);
			});
			client.on('close', () => {
				if (this.reachable) {
					this.reachable = false;
					this.tell(false);
				}
			});
		}

		return client;
	}

	/** Ends every `whenReady` wait, each with `reachable` as it is now. */
	private wakeWaiters(): void {
		for (const done of [...this.waiters]) {
			done();
		}
	}

	private tell(reachable: boolean, problemChanged = false): void {
		if ((this.told !== reachable || problemChanged) && !this.closed) {
			this.told = reachable;
			this.toldProblem = reachable ? undefined : this.problem;
			this.events.changed(reachable, this.problem);
		}
	}

	private async checkEviction(client: Redis): Promise<void> {
		const policy = await evictionPolicy(client);
		if (!this.closed) {
			this.events.eviction(policy);
		}
	}
}
