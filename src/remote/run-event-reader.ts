/**
 * Reads the streams of the runs on workers this scheduler follows, on a connection of its own. It
 * blocks on one stream only, the news (`sage:runs:news`), where a worker names a run's stream, the
 * entry it just wrote there and, when they are small, that entry's events: those are delivered from
 * the news as they are, one read for every run with news. A run's own stream is read (in batches of
 * runs) only when the news cannot be used as it is: a big entry, a gap in the run's event numbers, a
 * run followed with history (re-attached after a restart), an event with no number. A read costs what
 * the news says, not the number of runs followed (naming every followed stream in each blocking read
 * made a burst of n queued runs cost O(n²)).
 *
 * Nothing is lost between the reads: a worker writes the run's stream before its news entry, and a new
 * run is followed before it is queued, so before it can have news. News trimmed away, or a reply lost
 * with a connection, is made good by a sweep that reads every followed run's stream every few seconds
 * and after every connection error.
 */
import type {RedisLink} from './redis-link.js';
import {runNewsKey, runNewsMaxLength} from './remote-keys.js';
import {decodeEntry, type SequencedEvent} from './run-events.js';

/** `lastId`: the run stream's entry read last; `lastSeq`: the highest event number delivered. */
type Follow = {lastId: string; lastSeq: number; deliver(events: SequencedEvent[]): void};
type StreamReply = Array<[string, Array<[string, string[]]>]> | null;

/** Entries read per run and call: a chatty run cannot hold up the others for long. */
const batch = 500;
/** Runs named in one read. */
const runsPerRead = 100;
/** News entries read per call. */
const newsBatch = 2000;
/** A blocking read is renewed this often (a half-open connection cannot hang the reader for ever). */
const blockMs = 5000;

export type RunEventReaderOptions = {
	/** Every followed run is read this often whatever the news says. @default 5000 */
	sweepMs?: number;
	now?: () => number;
};

export class RunEventReader {
	private readonly follows = new Map<string, Follow>();
	/** Followed runs to read before blocking again. */
	private readonly pending = new Set<string>();
	/** The last news entry read (undefined: not yet looked up). */
	private newsId: string | undefined;
	private reading: Promise<void> | undefined;
	private blocked = false;
	private waking = false;
	private readonly sweepMs: number;
	private readonly now: () => number;
	private sweptAt: number;
	private stopped = false;

	constructor(private readonly link: RedisLink, options: RunEventReaderOptions = {}) {
		this.sweepMs = options.sweepMs ?? 5000;
		this.now = options.now ?? Date.now;
		this.sweptAt = this.now();
	}

	/**
	 * Delivers the stream's events after `fromId` (`0`: from its start), in order, until unfollowed.
	 * `history`: the stream may already hold events (a run re-attached), so it is read at once rather than
	 * on its next news.
	 */
	follow(key: string, fromId: string, deliver: (events: SequencedEvent[]) => void, history = false): void {
		this.follows.set(key, {lastId: fromId, lastSeq: 0, deliver});
		if (history) {
			this.pending.add(key);
		}

		if (!this.reading) {
			this.startReading();
		} else if (history && this.blocked) {
			this.wake();
		}
	}

	unfollow(key: string): void {
		this.follows.delete(key);
		this.pending.delete(key);
	}

	/** Stops reading (a blocked read is woken, or ends when the link closes). */
	stop(): void {
		this.stopped = true;
		this.follows.clear();
		this.pending.clear();
		if (this.blocked) {
			this.wake();
		}
	}

	private startReading(): void {
		this.reading = this.read().finally(() => {
			this.reading = undefined;
			// Followed while the loop was ending.
			if (this.follows.size > 0 && !this.stopped) {
				this.startReading();
			}
		});
	}

	/** Ends a blocked read early: a news entry naming no run. */
	private wake(): void {
		if (this.waking) {
			return;
		}

		this.waking = true;
		void this.link.command.xadd(runNewsKey, 'MAXLEN', '~', runNewsMaxLength, '*', 'w', '1')
			.catch(() => undefined)
			.finally(() => {
				this.waking = false;
			});
	}

	private async read(): Promise<void> {
		while (!this.stopped && this.follows.size > 0) {
			try {
				this.newsId ??= await this.lastNewsId();
				if (this.now() - this.sweptAt >= this.sweepMs) {
					this.sweep();
				}

				await (this.pending.size > 0 ? this.readRuns() : this.readNews());
			} catch {
				// The connection went: it reconnects by itself. What its replies would have said is read again.
				this.sweep();
				await new Promise(resolve => {
					setTimeout(resolve, 250);
				});
			}
		}
	}

	private sweep(): void {
		this.sweptAt = this.now();
		for (const key of this.follows.keys()) {
			this.pending.add(key);
		}
	}

	/** Where the news stream is now: what came before is covered by reading each newly followed run. */
	private async lastNewsId(): Promise<string> {
		const [last] = await this.link.blocking.xrevrange(runNewsKey, '+', '-', 'COUNT', 1);
		return last?.[0] ?? '0';
	}

	private async readNews(): Promise<void> {
		this.blocked = true;
		let reply: StreamReply;
		try {
			reply = await this.link.blocking.xread('COUNT', newsBatch, 'BLOCK', Math.min(blockMs, this.sweepMs), 'STREAMS', runNewsKey, this.newsId!) as StreamReply;
		} finally {
			this.blocked = false;
		}

		for (const [, entries] of reply ?? []) {
			for (const [id, fields] of entries) {
				this.newsId = id;
				this.onNews(fields);
			}
		}
	}

	/** `r <key> [i <entry id> [e <json> …]]`: the events delivered from here when they follow on. */
	private onNews(fields: string[]): void {
		const key = fields[0] === 'r' ? fields[1] : undefined;
		const follow = key === undefined ? undefined : this.follows.get(key);
		if (!follow || this.pending.has(key!)) {
			return;
		}

		const entryId = fields[2] === 'i' ? fields[3] : undefined;
		const events = entryId === undefined ? [] : decodeEntry(fields.slice(4));
		const first = events[0]?.s;
		if (entryId === undefined || first === undefined || first !== follow.lastSeq + 1) {
			// No events in it, or not the next ones (a gap, a resend): the run's stream tells.
			this.pending.add(key!);
			return;
		}

		follow.lastId = entryId;
		this.deliver(follow, events);
	}

	private deliver(follow: Follow, events: SequencedEvent[]): void {
		for (const event of events) {
			if (event.s !== undefined && event.s > follow.lastSeq) {
				follow.lastSeq = event.s;
			}
		}

		follow.deliver(events);
	}

	private async readRuns(): Promise<void> {
		const keys: string[] = [];
		for (const key of this.pending) {
			this.pending.delete(key);
			if (this.follows.has(key)) {
				keys.push(key);
				if (keys.length === runsPerRead) {
					break;
				}
			}
		}

		if (keys.length === 0) {
			return;
		}

		let reply: StreamReply;
		try {
			reply = await this.link.blocking.xread('COUNT', batch, 'STREAMS', ...keys, ...keys.map(key => this.follows.get(key)?.lastId ?? '0')) as StreamReply;
		} catch (error) {
			for (const key of keys) {
				this.pending.add(key);
			}

			throw error;
		}

		for (const [key, entries] of reply ?? []) {
			const follow = this.follows.get(key);
			const last = entries.at(-1)?.[0];
			if (!follow || !last) {
				continue;
			}

			follow.lastId = last;
			if (entries.length === batch) {
				this.pending.add(key);
			}

			this.deliver(follow, entries.flatMap(([, fields]) => decodeEntry(fields)));
		}
	}
}
