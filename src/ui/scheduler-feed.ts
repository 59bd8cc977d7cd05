/**
 * What the console knows of its scheduler: the snapshot (kept current from the scheduler's patches)
 * and the newest log lines, fed by the protocol. The console reads it through hooks; it never talks
 * to a scheduler object, only to this and to the client's requests.
 */
import type {LogLine} from '../core/log-line.js';
import type {SchedulerClient} from '../protocol/client.js';
import type {EventName} from '../protocol/messages.js';
import type {RunSummary, SchedulerSnapshot} from '../protocol/snapshot.js';
import {LogBuffer} from './log-buffer.js';
import {withSuccesses, type NewestSuccesses} from './newest-successes.js';

/**
 * How long a console waits before each try to re-attach to its scheduler after it went away (the
 * last one repeats): a systemd restart takes a second or two.
 */
const reattachDelaysMs = [1000, 1000, 2000];

/** Log lines the console keeps; older ones are in the run logs. */
const tailCapacity = 5000;

/**
 * What the console draws from: the snapshot's changes and the log (a run's news is in the snapshot),
 * and the runs' ends, for each job's newest success (a job's last run alone may be a later failure).
 */
const drawnFrom: EventName[] = ['snapshot-changed', 'log-lines', 'run-finished'];

/** A new connection to the root's scheduler (it throws while none answers), with that scheduler's pid. */
export type Reattach = () => Promise<{client: SchedulerClient; pid: number}>;

export type FeedOptions = {
	/** The pid of the scheduler in another process this console is attached to (none: in this process). */
	pid?: number;
	/** Given, the feed re-attaches when its scheduler went away and another answers (a restart). */
	reattach?: Reattach;
	/** @default reattachDelaysMs */
	retryDelaysMs?: readonly number[];
};

/** While the feed waits for a scheduler to answer again: since when, and the pid that went away. */
export type Reattaching = {since: number; pid?: number};

/** Where a subscription's events go once its answer is in (events before it are in the answer). */
type Target = {feed?: SchedulerFeed};

export class SchedulerFeed {
	readonly tail = new LogBuffer(tailCapacity);
	private current: SchedulerSnapshot;
	private successes: NewestSuccesses = new Map();
	private readonly listeners = new Set<() => void>();
	private readonly off: Array<() => void> = [];
	private lostReason: string | undefined;
	private lost = false;
	private lostAt: number | undefined;
	private retry: NodeJS.Timeout | undefined;
	private closed = false;
	/** The client came from a re-attach: the feed closes it (the first one is its opener's). */
	private ownsClient = false;

	private constructor(private currentClient: SchedulerClient, snapshot: SchedulerSnapshot, private readonly options: FeedOptions) {
		this.current = snapshot;
	}

	/**
	 * Subscribes, then takes the snapshot and the tail: events that arrive before the answer are
	 * already in it, and are dropped.
	 */
	static async open(client: SchedulerClient, options: FeedOptions = {}): Promise<SchedulerFeed> {
		const target: Target = {};
		const {snapshot, tail, off} = await SchedulerFeed.subscribeTo(client, target);
		const feed = new SchedulerFeed(client, snapshot, {...options});
		target.feed = feed;
		feed.took(client, tail, off);
		return feed;
	}

	private static async subscribeTo(client: SchedulerClient, target: Target) {
		const off = [
			client.on('snapshot-changed', patch => {
				const {feed} = target;
				if (feed) {
					feed.current = {...feed.current, ...patch};
					feed.noteSuccesses(patch.jobs?.map(job => job.lastRun) ?? []);
					feed.changed();
				}
			}),
			client.on('run-finished', run => {
				target.feed?.noteSuccesses([run]);
			}),
			client.on('log-lines', ({lines}) => {
				target.feed?.append(lines);
			}),
		];
		try {
			const {snapshot, tail} = await client.request('subscribe', {tailLines: tailCapacity, events: drawnFrom});
			return {snapshot, tail, off};
		} catch (error) {
			for (const stop of off) {
				stop();
			}

			throw error;
		}
	}

	/** The client of the scheduler attached now (a new one after a re-attach). */
	get client(): SchedulerClient {
		return this.currentClient;
	}

	/** The pid of the scheduler in another process, the newest one after a re-attach. */
	get pid(): number | undefined {
		return this.options.pid;
	}

	get snapshot(): SchedulerSnapshot {
		return this.current;
	}

	/** Each job's newest success: today's failures before it are recovered. Replaced when it changes. */
	get newestSuccesses(): NewestSuccesses {
		return this.successes;
	}

	/** Set when the scheduler went away (a console attached to a scheduler that stopped or died). */
	get gone(): string | undefined {
		return this.lost ? this.lostReason ?? 'the scheduler went away' : undefined;
	}

	/** Set while the scheduler is gone and the feed tries to re-attach; the snapshot is then the last one it sent. */
	get reattaching(): Reattaching | undefined {
		return this.lost && this.options.reattach && this.lostAt !== undefined ? {since: this.lostAt, pid: this.options.pid} : undefined;
	}

	subscribe(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	close(): void {
		this.closed = true;
		clearTimeout(this.retry);
		for (const off of this.off.splice(0)) {
			off();
		}

		if (this.ownsClient) {
			this.currentClient.close();
		}
	}

	/** A subscription's answer taken: its tail, each job's newest success, the scheduler's going away heard. */
	private took(client: SchedulerClient, tail: readonly LogLine[], off: Array<() => void>): void {
		this.off.push(...off, client.onClose(reason => {
			this.wentAway(client, reason);
		}));
		this.tail.append(tail);
		this.noteSuccesses(this.current.jobs.map(job => job.lastRun));
		this.askSuccesses();
	}

	private noteSuccesses(runs: Iterable<RunSummary | undefined>): void {
		const next = withSuccesses(this.successes, runs);
		if (next !== this.successes) {
			this.successes = next;
			this.changed();
		}
	}

	/**
	 * The newest success of each job that failed today, from history: one that came before the
	 * console opened, with a failure since, is in no snapshot. Unanswered, the console knows less.
	 */
	private askSuccesses(): void {
		for (const jobId of new Set(this.current.failuresToday.map(run => run.jobId))) {
			this.client.request('history', {jobId, status: 'success', limit: 1}).then(runs => {
				this.noteSuccesses(runs);
			}, () => undefined);
		}
	}

	private append(lines: LogLine[]): void {
		this.tail.append(lines);
		this.changed();
	}

	private wentAway(client: SchedulerClient, reason?: string): void {
		if (client !== this.currentClient) {
			return;
		}

		this.lost = true;
		this.lostReason = reason;
		this.lostAt = Date.now();
		if (this.options.reattach && !this.closed) {
			for (const off of this.off.splice(0)) {
				off();
			}

			// Nothing runs for a scheduler that is gone as far as this console can tell.
			this.current = {...this.current, live: []};
			this.tryReattach(0);
		}

		this.changed();
	}

	/** Tries to attach to the root's scheduler again, after a pause that grows to the last delay. */
	private tryReattach(attempt: number): void {
		const delays = this.options.retryDelaysMs ?? reattachDelaysMs;
		const {reattach} = this.options;
		this.retry = setTimeout(() => {
			void reattach?.().then(async ({client, pid}) => this.attachAgain(client, pid)).catch(() => {
				if (!this.closed) {
					this.tryReattach(attempt + 1);
				}
			});
		}, delays[Math.min(attempt, delays.length - 1)] ?? 1000);
		this.retry.unref();
	}

	/** A scheduler answered again: its snapshot replaces the last one, its log lines follow the ones held. */
	private async attachAgain(client: SchedulerClient, pid: number): Promise<void> {
		const target: Target = {};
		try {
			if (this.closed) {
				throw new Error('the console closed');
			}

			const {snapshot, tail, off} = await SchedulerFeed.subscribeTo(client, target);
			if (this.closed) {
				for (const stop of off) {
					stop();
				}

				throw new Error('the console closed');
			}

			const newest = this.tail.at(this.tail.newest)?.time ?? 0;
			this.currentClient = client;
			this.ownsClient = true;
			this.options.pid = pid;
			this.current = snapshot;
			this.lost = false;
			this.lostReason = undefined;
			this.lostAt = undefined;
			target.feed = this;
			this.took(client, tail.filter(line => line.time > newest), off);
			this.changed();
		} catch (error) {
			client.close();
			throw error;
		}
	}

	private changed(): void {
		for (const listener of this.listeners) {
			listener();
		}
	}
}
