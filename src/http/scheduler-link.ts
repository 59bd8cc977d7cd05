/**
 * The API's connection to its scheduler, seen from the API's thread: which events it is subscribed to,
 * and what it knows without asking. The metrics' events are always wanted; the default events (what
 * `/v1/events` sends) only while the SSE journal follows, so a scheduler whose API nobody follows sends
 * no log lines or snapshot patches across. Health is answered from here, so `/v1/health` answers even
 * while the scheduler's thread is busy; the scheduler is asked every few seconds whether it is alive,
 * and one that has not answered for `healthTimeoutMs` (a thread stuck in a file system that hangs, say)
 * makes health not ok.
 */
import {defaultHealthTimeoutMs} from '../core/job-definition.js';
import {defaultEvents} from '../protocol/event-names.js';
import type {EventName, Events, ResultOf} from '../protocol/messages.js';
import type {EventSource} from '../protocol/server-session.js';
import type {SchedulerSnapshot} from '../protocol/snapshot.js';
import type {ProtocolRequester} from './protocol-call.js';

type Listener = <E extends EventName>(name: E, data: Events[E]) => void;

/** What the API needs of a `SchedulerClient`: requests, events by name, and its end. */
export type SchedulerConnection = ProtocolRequester & {
	on<E extends EventName>(name: E, listener: (data: Events[E]) => void): () => void;
	onClose(listener: (reason?: string) => void): () => void;
};

export type HealthView = {
	ok: boolean;
	pid: number;
	version: string;
	uptimeMs: number;
	paused: boolean;
	stopping: boolean;
	/** The scheduler's thread answered its last ping, or the one waiting is younger than the timeout. */
	answering: boolean;
	/** Why `ok` is false, in words. */
	problem?: string;
};

export type LinkOptions = {
	/** @default defaultHealthTimeoutMs (15 s) */
	healthTimeoutMs?: number;
};

export class SchedulerLink implements EventSource {
	private readonly followers = new Set<Listener>();
	private paused: boolean;
	private stopping: boolean;
	private gone = false;
	private subscribedToAll = false;
	/** When the ping waiting for its answer was sent. */
	private pingSentAt: number | undefined;
	private readonly pinger: NodeJS.Timeout;
	private readonly healthTimeoutMs: number;

	private constructor(
		private readonly connection: SchedulerConnection,
		private readonly server: ResultOf<'hello'>,
		private readonly always: readonly EventName[],
		private readonly startedAt: number,
		snapshot: SchedulerSnapshot,
		options: LinkOptions,
	) {
		this.healthTimeoutMs = options.healthTimeoutMs ?? defaultHealthTimeoutMs;
		// Often enough that a stuck thread shows within the timeout, and a ping at most every second.
		this.pinger = setInterval(() => this.ping(), Math.max(1000, Math.min(5000, this.healthTimeoutMs / 3)));
		this.pinger.unref();
		this.paused = snapshot.scheduler.paused;
		this.stopping = snapshot.scheduler.stopping;
		connection.on('scheduler-state', state => {
			this.paused = state.paused;
			this.stopping = state.stopping;
		});
		connection.onClose(() => {
			this.gone = true;
			clearInterval(this.pinger);
		});
		for (const name of defaultEvents) {
			connection.on(name, data => {
				for (const follower of this.followers) {
					follower(name, data as never);
				}
			});
		}
	}

	/**
	 * Subscribes to `always` (and the scheduler's state) and returns the link with the snapshot of that
	 * moment: events after it reach the connection's listeners in order.
	 */
	static async open(connection: SchedulerConnection, server: ResultOf<'hello'>, always: readonly EventName[], options: LinkOptions = {}): Promise<{link: SchedulerLink; snapshot: SchedulerSnapshot}> {
		const names = SchedulerLink.names(always, false);
		const {snapshot} = await connection.request('subscribe', {tailLines: 0, events: names});
		return {link: new SchedulerLink(connection, server, always, snapshot.scheduler.startedAt, snapshot, options), snapshot};
	}

	private static names(always: readonly EventName[], all: boolean): EventName[] {
		return [...new Set<EventName>([...always, 'scheduler-state', ...(all ? defaultEvents : [])])];
	}

	/** The journal's source: the default events, subscribed to while someone follows. */
	on(listener: Listener): () => void {
		this.followers.add(listener);
		this.resubscribe();
		return () => {
			this.followers.delete(listener);
			this.resubscribe();
		};
	}

	health(now: number): HealthView {
		const silentMs = this.pingSentAt === undefined ? 0 : now - this.pingSentAt;
		const answering = !this.gone && silentMs < this.healthTimeoutMs;
		const problem = this.gone
			? 'the scheduler is gone'
			: (this.stopping ? 'the scheduler is stopping' : (answering ? undefined : `the scheduler's thread has not answered for ${Math.round(silentMs / 1000)} s`));
		return {
			ok: problem === undefined,
			pid: this.server.pid,
			version: this.server.version,
			uptimeMs: now - this.startedAt,
			paused: this.paused,
			stopping: this.stopping || this.gone,
			answering,
			...(problem === undefined ? {} : {problem}),
		};
	}

	/** Stops asking the scheduler whether it is alive. */
	close(): void {
		clearInterval(this.pinger);
	}

	/** One ping at a time: while it waits, the time since it was sent is how long the scheduler has been silent. */
	private ping(): void {
		if (this.pingSentAt !== undefined || this.gone) {
			return;
		}

		this.pingSentAt = Date.now();
		this.connection.request('ping', {}).then(() => {
			this.pingSentAt = undefined;
		}, () => {
			// The connection closed: onClose says so.
		});
	}

	/**
	 * Sent at once (not awaited): a request the caller makes next, such as the SSE route's snapshot,
	 * reaches the scheduler after this subscription, so no event falls between the two.
	 */
	private resubscribe(): void {
		const all = this.followers.size > 0;
		if (all === this.subscribedToAll || this.gone) {
			return;
		}

		this.subscribedToAll = all;
		this.connection.request('subscribe', {tailLines: 0, events: SchedulerLink.names(this.always, all)}).catch(() => undefined);
	}
}
