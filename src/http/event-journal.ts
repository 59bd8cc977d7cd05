/**
 * The protocol's events as SSE clients receive them: numbered, and kept for a short window so a client
 * that reconnects with `Last-Event-ID` gets what it missed instead of a gap. The journal listens to the
 * scheduler's events only while SSE clients are connected and for the window after the last one leaves
 * (so the scheduler gathers and sends nothing for an API nobody follows).
 *
 * Ids count on from the journal's start time (ms × 1000), not from 1: a client that reconnects after a
 * restart of the scheduler (or of the API's thread) holds an id of the journal before, below every id of
 * this one, so it is told it missed them and starts again from a snapshot; with ids from 1 its old id
 * could pass for one of this journal's, and it would be handed this scheduler's events as a sequel to the
 * other's state.
 */
import type {EventName, Events} from '../protocol/messages.js';
import type {EventSource} from '../protocol/server-session.js';

export type JournalEntry = {id: number; name: EventName; data: unknown; at: number; /** The SSE frame, made once for every follower. */ frame?: string};
type Follower = (entry: JournalEntry) => void;

export type JournalOptions = {
	/** @default 120_000 */
	windowMs?: number;
	/** @default 5000 */
	maxEntries?: number;
	/** When the journal starts (epoch ms): its ids start above it × 1000. @default Date.now() */
	startedAt?: number;
};

export class EventJournal {
	private entries: JournalEntry[] = [];
	private nextId: number;
	private readonly followers = new Set<Follower>();
	private detach: (() => void) | undefined;
	private idleTimer: NodeJS.Timeout | undefined;
	private readonly windowMs: number;
	private readonly maxEntries: number;

	constructor(private readonly source: EventSource, options: JournalOptions = {}) {
		this.windowMs = options.windowMs ?? 120_000;
		this.maxEntries = options.maxEntries ?? 5000;
		this.nextId = ((options.startedAt ?? Date.now()) * 1000) + 1;
	}

	/** The id of the newest entry (the start's, startedAt × 1000, when none). */
	get lastId(): number {
		return this.nextId - 1;
	}

	/**
	 * Follows from now; with `afterId`, the kept entries after it come first. `missed` is true when
	 * entries after `afterId` are no longer kept (the client must start again from a snapshot).
	 */
	follow(follower: Follower, afterId?: number): {missed: boolean; stop: () => void} {
		clearTimeout(this.idleTimer);
		this.detach ??= this.source.on((name, data) => this.add(name, data));
		let missed = false;
		if (afterId !== undefined) {
			this.prune(Date.now());
			const oldest = this.entries[0]?.id ?? this.nextId;
			missed = afterId < oldest - 1 || afterId > this.lastId;
			if (!missed) {
				for (const entry of this.entries) {
					if (entry.id > afterId) {
						follower(entry);
					}
				}
			}
		}

		this.followers.add(follower);
		return {
			missed,
			stop: () => {
				this.followers.delete(follower);
				if (this.followers.size === 0) {
					clearTimeout(this.idleTimer);
					this.idleTimer = setTimeout(() => this.release(), this.windowMs);
					this.idleTimer.unref();
				}
			},
		};
	}

	close(): void {
		clearTimeout(this.idleTimer);
		this.followers.clear();
		this.release();
	}

	private add<E extends EventName>(name: E, data: Events[E]): void {
		const now = Date.now();
		const entry = {id: this.nextId++, name, data, at: now};
		this.entries.push(entry);
		this.prune(now);
		for (const follower of this.followers) {
			follower(entry);
		}
	}

	private prune(now: number): void {
		let drop = 0;
		while (drop < this.entries.length && (this.entries.length - drop > this.maxEntries || now - this.entries[drop]!.at > this.windowMs)) {
			drop++;
		}

		if (drop > 0) {
			this.entries = this.entries.slice(drop);
		}
	}

	private release(): void {
		if (this.detach) {
			// Events from now on go unrecorded: a client still holding the last id has missed them.
			this.nextId++;
		}

		this.detach?.();
		this.detach = undefined;
		this.entries = [];
	}
}
