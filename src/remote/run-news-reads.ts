import type {RedisLink} from './redis-link.js';
import {runNewsKey, runNewsMaxLength} from './remote-keys.js';
import type {RunFollows} from './run-follows.js';
import {decodeEntry} from './run-events.js';
import type {StreamReply} from './run-stream-reads.js';

/** News entries read per call. */
const newsBatch = 2000;

/**
 * Reads the news stream (`sage:runs:news`), where a worker names a run's stream, the entry it just
 * wrote there and, when they are small, that entry's events: delivered from the news when they follow
 * on what the run delivered last; else the run is left pending, to be read from its own stream.
 */
export class RunNewsReads {
	/** The last news entry read (undefined: not yet looked up). */
	private newsId: string | undefined;
	private blocked = false;
	private waking = false;

	constructor(private readonly link: RedisLink, private readonly follows: RunFollows) {}

	/** A read is blocked on the news now. */
	get isBlocked(): boolean {
		return this.blocked;
	}

	/**
	 * Where the news stream is now, looked up once. The runs followed before the answer came are read from
	 * their own streams: news about them may have come before the lookup (a worker quick to take a run,
	 * the reader's connection still being made), and is behind the position. A run followed after it can
	 * only have news after it.
	 */
	async locate(): Promise<void> {
		if (this.newsId === undefined) {
			const [last] = await this.link.blocking.xrevrange(runNewsKey, '+', '-', 'COUNT', 1);
			this.newsId = last?.[0] ?? '0';
			this.follows.sweep();
		}
	}

	/** Reads the news after the last read, blocking up to `blockMs` for it. */
	async read(blockMs: number): Promise<void> {
		this.blocked = true;
		let reply: StreamReply;
		try {
			reply = await this.link.blocking.xread('COUNT', newsBatch, 'BLOCK', blockMs, 'STREAMS', runNewsKey, this.newsId!) as StreamReply;
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

	/** Ends a blocked read early: a news entry naming no run. */
	wake(): void {
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

	/** `r <key> [i <entry id> [e <json> …]]`: the events delivered from here when they follow on. */
	private onNews(fields: string[]): void {
		const key = fields[0] === 'r' ? fields[1] : undefined;
		const follow = key === undefined ? undefined : this.follows.get(key);
		if (!follow || this.follows.isPending(key!)) {
			return;
		}

		const entryId = fields[2] === 'i' ? fields[3] : undefined;
		const events = entryId === undefined ? [] : decodeEntry(fields.slice(4));
		const first = events[0]?.s;
		if (entryId === undefined || first === undefined || first !== follow.lastSeq + 1) {
			// No events in it, or not the next ones (a gap, a resend): the run's stream tells.
			this.follows.markPending([key!]);
			return;
		}

		follow.lastId = entryId;
		this.follows.deliver(follow, events);
	}
}
