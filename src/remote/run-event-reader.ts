/**
 * Reads the streams of every run on workers this scheduler follows with one blocking XREAD on a
 * connection of its own. A run followed while the read blocks wakes it through a stream of this
 * reader's own, so its first events are not held up by the block's timeout.
 */
import {randomUUID} from 'node:crypto';
import type {RedisLink} from './redis-link.js';
import {decodeEvent, type SequencedEvent} from './run-events.js';

type Follow = {lastId: string; deliver(events: SequencedEvent[]): void};

/** Entries read per stream and call: a chatty run cannot hold up the others for long. */
const batch = 500;
/** A blocking read is renewed this often (a half-open connection cannot hang the reader for ever). */
const blockMs = 5000;

export class RunEventReader {
	private readonly follows = new Map<string, Follow>();
	private readonly wakeKey = `sage:console:${randomUUID()}:wake`;
	private wakeId = '0';
	private reading: Promise<void> | undefined;
	/** Streams the read under way covers. */
	private covered = new Set<string>();
	private waking = false;
	private stopped = false;

	constructor(private readonly link: RedisLink) {}

	/** Delivers the stream's events after `fromId` (`0`: from its start), in order, until unfollowed. */
	follow(key: string, fromId: string, deliver: (events: SequencedEvent[]) => void): void {
		this.follows.set(key, {lastId: fromId, deliver});
		if (!this.reading) {
			this.startReading();
		} else if (!this.covered.has(key)) {
			this.wake();
		}
	}

	unfollow(key: string): void {
		this.follows.delete(key);
	}

	async stop(): Promise<void> {
		this.stopped = true;
		this.follows.clear();
		this.wake();
		await this.reading;
		await this.link.command.del(this.wakeKey).catch(() => undefined);
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

	private wake(): void {
		if (this.waking) {
			return;
		}

		this.waking = true;
		void this.link.command.multi().xadd(this.wakeKey, 'MAXLEN', '1', '*', 'w', '1').expire(this.wakeKey, 86_400).exec()
			.catch(() => undefined)
			.finally(() => {
				this.waking = false;
			});
	}

	private async read(): Promise<void> {
		while (!this.stopped && this.follows.size > 0) {
			const keys = [...this.follows.keys()];
			const ids = keys.map(key => this.follows.get(key)!.lastId);
			this.covered = new Set(keys);
			let reply: Array<[string, Array<[string, string[]]>]> | null;
			try {
				reply = await this.link.blocking.xread('COUNT', batch, 'BLOCK', blockMs, 'STREAMS', this.wakeKey, ...keys, this.wakeId, ...ids) as typeof reply;
			} catch {
				// The connection went while blocked: it reconnects by itself; read again shortly.
				await new Promise(resolve => {
					setTimeout(resolve, 250);
				});
				continue;
			}

			for (const [key, entries] of reply ?? []) {
				const last = entries.at(-1)?.[0];
				if (key === this.wakeKey) {
					this.wakeId = last ?? this.wakeId;
					continue;
				}

				const follow = this.follows.get(key);
				if (!follow || !last) {
					continue;
				}

				follow.lastId = last;
				const events = entries.flatMap(([, fields]) => {
					const event = decodeEvent(fields[1]);
					return event ? [event] : [];
				});
				follow.deliver(events);
			}
		}

		this.covered = new Set();
	}
}
