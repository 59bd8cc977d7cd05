/**
 * What the console knows of its scheduler: the snapshot (kept current from the scheduler's patches)
 * and the newest log lines, fed by the protocol. The console reads it through hooks; it never talks
 * to a scheduler object, only to this and to the client's requests.
 */
import type {LogLine} from '../core/log-line.js';
import {cutOffReason, type SchedulerClient} from '../protocol/client.js';
import {sameScheduler, type SchedulerIdentity} from '../protocol/scheduler-identity.js';
import type {CloseCode} from '../protocol/wire.js';
import type {SchedulerSnapshot} from '../protocol/snapshot.js';
import {ReattachRetry} from './feed-reattach.js';
import {FeedSuccesses} from './feed-successes.js';
import {stopAll, subscribeFeed, tailCapacity, type FeedSink, type SinkSlot} from './feed-subscription.js';
import {LogBuffer} from './log-buffer.js';
import type {NewestSuccesses} from './newest-successes.js';

/** Lines held from before a gap of missed lines that a re-attach keeps (a few screens of the log panel). */
const linesKeptAcrossGap = 200;

/**
 * A new connection to the root's scheduler (it throws while none answers), with that scheduler's pid
 * and start, and when it last dropped this console for not reading (hello's `droppedAt`), if it did.
 */
export type Reattach = () => Promise<{client: SchedulerClient; droppedAt?: number} & SchedulerIdentity>;

/**
 * Starts the root's scheduler in this process, as a console does when none runs (no pid), or, when
 * another took the root meanwhile, connects to that one (its pid).
 */
export type StartHere = () => Promise<{client: SchedulerClient} & Partial<SchedulerIdentity>>;

export type FeedOptions = {
	/** The pid of the scheduler in another process this console is attached to (none: in this process). */
	pid?: number;
	/** When that scheduler started (hello's `startedAt`): with the pid, which scheduler it is. */
	startedAt?: number;
	/** Given, the feed re-attaches when its scheduler went away and another answers (a restart). */
	reattach?: Reattach;
	/** @default reattachDelaysMs (feed-reattach.ts) */
	retryDelaysMs?: readonly number[];
	/**
	 * Asked when a re-attach found nobody: whether no scheduler holds the root at all (its lock free),
	 * rather than one starting up or still stopping. True, the console offers `startHere`.
	 */
	noScheduler?: () => boolean;
	/** Given, the operator can start the scheduler here while none runs the root (`S`). */
	startHere?: StartHere;
	/**
	 * The scheduler runs in this process from the start (the console's own thread): should it end
	 * unasked (its thread crashed), the feed re-attaches and offers `S` as for one that went away.
	 */
	schedulingHere?: boolean;
};

/**
 * While the feed waits for a scheduler to answer again: since when, the pid that went away, and
 * whether no scheduler runs the root at all (nothing fires), so that one can be started here.
 * `dropped`: the scheduler did not go away, it dropped this console for not reading (stopped, a pane
 * frozen, a stalled link) and said so; the console attaches to it again.
 */
/** `stopped`: the scheduler stopped on purpose, with what stopped it ('' when it did not say). */
/** `heardAt`: a dropped console learned of it later than `since` (it was stopped): when it read again. */
export type Reattaching = {since: number; pid?: number; noScheduler?: boolean; dropped?: boolean; stopped?: string; heardAt?: number};

export class SchedulerFeed {
	/** Each line's day is of the scheduler's zone, as the console's "today" (log-days.ts). */
	readonly tail = new LogBuffer(tailCapacity, () => this.current.scheduler.timezone);
	private current: SchedulerSnapshot;
	private readonly successes = new FeedSuccesses(() => this.changed());
	private readonly listeners = new Set<() => void>();
	private readonly off: Array<() => void> = [];
	private lostReason: string | undefined;
	/** What stopped the scheduler, when it said it stopped on purpose ('' when it did not say what). */
	private stoppedCause: string | undefined;
	/** Why the scheduler went away, told by its starter (its thread's crash); preferred to the connection's reason. */
	private explained: string | undefined;
	private lost = false;
	private lostAt: number | undefined;
	/** When this console heard the connection had closed (after lostAt when it was stopped meanwhile). */
	private heardAt: number | undefined;
	/** When the connection of now was made: a drop the scheduler remembers from before it is not this one's. */
	private attachedAt = Date.now();
	/** The scheduler dropped this console for not reading: what it sent meanwhile was lost. */
	private dropped = false;
	/**
	 * The connection closed without the scheduler saying why: it went away, or it cut this console off
	 * (dropped for not reading, the console stayed stopped past the grace, and the line saying so was
	 * lost with the connection), which the same scheduler answering again tells.
	 */
	private closedSilently = false;
	private readonly retry: ReattachRetry | undefined;
	private closed = false;
	/** The client came from a re-attach: the feed closes it (the first one is its opener's). */
	private ownsClient = false;
	/** The last re-attach found no scheduler holding the root (see FeedOptions.noScheduler). */
	private noScheduler = false;
	/** A scheduler is being started here (`startHere`): re-attach tries wait for it. */
	private starting = false;
	/** This console started the root's scheduler in its own process after the one it attached to went away. */
	private scheduling = false;
	/** Where the subscription's events go: the snapshot's patches, runs' ends, log lines. */
	private readonly sink: FeedSink = {
		patched: patch => {
			this.current = {...this.current, ...patch};
			this.successes.note(patch.jobs?.map(job => job.lastRun) ?? []);
			this.changed();
		},
		finished: run => {
			this.successes.note([run]);
		},
		logged: lines => {
			this.tail.append(lines);
			this.changed();
		},
	};

	private constructor(private currentClient: SchedulerClient, snapshot: SchedulerSnapshot, private readonly options: FeedOptions) {
		this.current = snapshot;
		this.scheduling = options.schedulingHere ?? false;
		const {reattach} = options;
		if (reattach) {
			this.retry = new ReattachRetry(async () => {
				if (this.starting) {
					throw new Error('a scheduler is being started here');
				}

				try {
					const {client, droppedAt, ...scheduler} = await reattach();
					if (this.starting || this.scheduling) {
						client.close();
						throw new Error('a scheduler was started here meanwhile');
					}

					this.noteCutOff(scheduler, droppedAt);
					await this.attachAgain(client, scheduler, true);
				} catch (error) {
					this.foundNobody();
					throw error;
				}
			}, options.retryDelaysMs);
		}
	}

	/**
	 * Subscribes, then takes the snapshot and the tail: events that arrive before the answer are
	 * already in it, and are dropped.
	 */
	static async open(client: SchedulerClient, options: FeedOptions = {}): Promise<SchedulerFeed> {
		const slot: SinkSlot = {};
		const {snapshot, tail, off} = await subscribeFeed(client, slot);
		const feed = new SchedulerFeed(client, snapshot, {...options});
		slot.sink = feed.sink;
		feed.took(client, tail, off);
		return feed;
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
		return this.successes.newest;
	}

	/** Set when the scheduler went away (a console attached to a scheduler that stopped or died). */
	get gone(): string | undefined {
		return this.lost ? this.explained ?? this.lostReason ?? 'the scheduler went away' : undefined;
	}

	/**
	 * Why the scheduler this console ran went away (its thread crashed, with the error), as its starter
	 * heard it: shown instead of the connection's "ended" until a scheduler answers again.
	 */
	explainGone(reason: string): void {
		this.explained = reason;
		this.changed();
	}

	/** Set while the scheduler is gone and the feed tries to re-attach; the snapshot is then the last one it sent. */
	get reattaching(): Reattaching | undefined {
		if (!this.lost || !this.retry || this.scheduling || this.lostAt === undefined) {
			return undefined;
		}

		const noScheduler = this.noScheduler && !this.starting && this.options.startHere !== undefined;
		const heardLater = this.dropped && this.heardAt !== undefined && this.heardAt - this.lostAt >= 1000;
		return {since: this.lostAt, pid: this.options.pid, ...(noScheduler ? {noScheduler} : {}), ...(this.dropped ? {dropped: true} : {}), ...(this.stoppedCause === undefined ? {} : {stopped: this.stoppedCause}), ...(heardLater ? {heardAt: this.heardAt} : {})};
	}

	/** Whether this console runs the root's scheduler now, started by `startHere` (it no longer re-attaches). */
	get schedulingHere(): boolean {
		return this.scheduling;
	}

	/**
	 * Starts the root's scheduler in this process while none runs it (the operator's `S`), or attaches
	 * to the one that took the root meanwhile.
	 * @returns the pid of that other scheduler; undefined when this console now schedules
	 * @throws when none was started nor attached to (re-attaching goes on)
	 */
	async startHere(): Promise<number | undefined> {
		const start = this.options.startHere;
		if (!start || !this.reattaching?.noScheduler) {
			throw new Error('a scheduler runs this root, or one is starting: nothing to start here');
		}

		this.starting = true;
		this.changed();
		try {
			const {client, pid, startedAt} = await start();
			await this.attachAgain(client, pid === undefined || startedAt === undefined ? undefined : {pid, startedAt}, pid !== undefined);
			this.scheduling = pid === undefined;
			if (this.scheduling) {
				this.retry?.stop();
			}

			return pid;
		} finally {
			this.starting = false;
			this.noScheduler = false;
			this.changed();
		}
	}

	subscribe(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	close(): void {
		this.closed = true;
		this.retry?.stop();
		stopAll(this.off);
		if (this.ownsClient) {
			this.currentClient.close();
		}
	}

	/**
	 * A subscription's answer taken: its tail (`missed`: lines were lost before it), each job's newest
	 * success, the scheduler's going away heard.
	 */
	private took(client: SchedulerClient, tail: readonly LogLine[], off: Array<() => void>, missed = false): void {
		this.off.push(...off, client.onClose((reason, code, at) => {
			this.wentAway(client, reason, code, at);
		}));
		if (missed && tail.length > 0) {
			this.tail.markMissed();
		}

		this.tail.append(tail);
		this.successes.note(this.current.jobs.map(job => job.lastRun));
		this.successes.ask(client, this.current.failuresToday);
	}

	private wentAway(client: SchedulerClient, reason?: string, code?: CloseCode, at?: number): void {
		if (client !== this.currentClient) {
			return;
		}

		this.lost = true;
		this.lostReason = reason;
		this.dropped = code === 'stopped-reading';
		this.stoppedCause = code === 'stopped' ? client.closedWith?.cause ?? '' : undefined;
		this.closedSilently = code === undefined;
		// A dropped console reads of it late (it was stopped): the drop's moment is the scheduler's, as its
		// log has it; so is a stop's.
		this.heardAt = Date.now();
		this.lostAt = (this.dropped || this.stoppedCause !== undefined) && at !== undefined ? at : this.heardAt;
		if (this.scheduling && !this.closed) {
			// The scheduler this console ran ended unasked (a stop closes the feed first): nothing fires
			// now, so the console looks for one as when the one it attached to went away, and offers S.
			this.scheduling = false;
		}

		if (this.retry && !this.scheduling && !this.closed) {
			stopAll(this.off);
			// Nothing runs for a scheduler that is gone as far as this console can tell: no live runs, no
			// job marked running (▶) in the jobs panel either.
			const jobs = this.current.jobs.map(job => (job.liveRuns > 0 ? {...job, liveRuns: 0} : job));
			this.current = {...this.current, live: [], jobs};
			this.retry.start();
			if (this.closedSilently && this.options.pid !== undefined) {
				void this.askWhetherCutOff();
			}
		}

		this.changed();
	}

	/**
	 * Asks at once whether the scheduler that closed the connection without a word still answers, so
	 * that the console says it was dropped, not that the scheduler is gone, until it is attached again.
	 */
	private async askWhetherCutOff(): Promise<void> {
		try {
			const {client, droppedAt, ...scheduler} = await this.options.reattach!();
			client.close();
			this.noteCutOff(scheduler, droppedAt);
		} catch {
			// Nobody answers: it went away, as the feed says already.
		}
	}

	/**
	 * `scheduler` answers after a silent close: if it is the one attached to (not one started since in
	 * the same process, as a console's scheduler thread after a crash), it cut this console off. It
	 * dropped it at `droppedAt` (its clock), before the console read again: the notice says that moment.
	 */
	private noteCutOff(scheduler: SchedulerIdentity, droppedAt?: number): void {
		const {pid, startedAt} = this.options;
		if (this.lost && this.closedSilently && !this.dropped && pid !== undefined && startedAt !== undefined && sameScheduler(scheduler, {pid, startedAt})) {
			this.dropped = true;
			this.lostReason = cutOffReason;
			if (droppedAt !== undefined && this.lostAt !== undefined && droppedAt >= this.attachedAt && droppedAt <= this.lostAt) {
				this.lostAt = droppedAt;
			}

			this.changed();
		}
	}

	/** A re-attach found nobody: whether no scheduler holds the root at all is asked again. */
	private foundNobody(): void {
		const noScheduler = !this.closed && (this.options.noScheduler?.() ?? false);
		if (noScheduler !== this.noScheduler) {
			this.noScheduler = noScheduler;
			this.changed();
		}
	}

	/**
	 * A scheduler answered again (`scheduler`: in another process; none: started here): its snapshot
	 * replaces the last one, its log lines follow the ones held. `owned`: the feed closes the client when done.
	 */
	private async attachAgain(client: SchedulerClient, scheduler: SchedulerIdentity | undefined, owned: boolean): Promise<void> {
		const slot: SinkSlot = {};
		try {
			if (this.closed) {
				throw new Error('the console closed');
			}

			const {snapshot, tail, olderLines, off} = await subscribeFeed(client, slot);
			if (this.closed) {
				stopAll(off);
				throw new Error('the console closed');
			}

			const newest = this.tail.at(this.tail.newest)?.time ?? 0;
			const fresh = tail.filter(line => line.time > newest);
			// Dropped for not reading, the console lost what was sent meanwhile: when none of the backlog
			// is a line it holds and the scheduler holds lines older than it (a scheduler that does not say:
			// the backlog is as long as asked), lines between the two were missed. Otherwise the backlog
			// reaches back to the lines held: nothing was.
			const missed = this.dropped && fresh.length === tail.length && (olderLines ?? tail.length >= tailCapacity);
			// Lines missed: the newest of those held before stay in view above the marker, so it sits
			// between what the console had and what it has now (a full backlog would push them all out).
			const taken = missed ? fresh.slice(-(tailCapacity - Math.min(linesKeptAcrossGap, this.tail.length))) : fresh;
			const previous = this.ownsClient ? this.currentClient : undefined;
			this.currentClient = client;
			this.ownsClient = owned;
			// Gone already; closed after the switch, so that its close is not taken for the new one's.
			previous?.close();
			this.options.pid = scheduler?.pid;
			this.options.startedAt = scheduler?.startedAt;
			this.current = snapshot;
			this.lost = false;
			this.noScheduler = false;
			this.lostReason = undefined;
			this.explained = undefined;
			this.lostAt = undefined;
			this.heardAt = undefined;
			this.attachedAt = Date.now();
			this.dropped = false;
			this.closedSilently = false;
			slot.sink = this.sink;
			this.took(client, taken, off, missed);
			this.changed();
		} catch (error) {
			if (owned) {
				client.close();
			}

			throw error;
		}
	}

	private changed(): void {
		for (const listener of this.listeners) {
			listener();
		}
	}
}
