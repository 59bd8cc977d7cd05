import type {SequencedEvent} from './run-events.js';

/** `lastId`: the run stream's entry read last; `lastSeq`: the highest event number delivered. */
export type Follow = {lastId: string; lastSeq: number; deliver(events: SequencedEvent[]): void};

/**
 * The runs whose streams a reader follows, how far each was read, and which are pending: to be read
 * from their own streams before the reader blocks on the news again (a run followed with history, a
 * gap in the news, a sweep, a reply lost with a connection).
 */
export class RunFollows {
	private readonly follows = new Map<string, Follow>();
	private readonly pending = new Set<string>();

	get size(): number {
		return this.follows.size;
	}

	get hasPending(): boolean {
		return this.pending.size > 0;
	}

	get(key: string): Follow | undefined {
		return this.follows.get(key);
	}

	add(key: string, fromId: string, deliver: (events: SequencedEvent[]) => void, history: boolean): void {
		this.follows.set(key, {lastId: fromId, lastSeq: 0, deliver});
		if (history) {
			this.pending.add(key);
		}
	}

	remove(key: string): void {
		this.follows.delete(key);
		this.pending.delete(key);
	}

	clear(): void {
		this.follows.clear();
		this.pending.clear();
	}

	isPending(key: string): boolean {
		return this.pending.has(key);
	}

	markPending(keys: Iterable<string>): void {
		for (const key of keys) {
			this.pending.add(key);
		}
	}

	/** Every followed run is to be read from its own stream. */
	sweep(): void {
		this.markPending(this.follows.keys());
	}

	/** Up to `most` pending runs still followed, no longer pending. */
	takePending(most: number): string[] {
		const keys: string[] = [];
		for (const key of this.pending) {
			this.pending.delete(key);
			if (this.follows.has(key)) {
				keys.push(key);
				if (keys.length === most) {
					break;
				}
			}
		}

		return keys;
	}

	/** Hands the events on, the highest event number among them remembered. */
	deliver(follow: Follow, events: SequencedEvent[]): void {
		for (const event of events) {
			if (event.s !== undefined && event.s > follow.lastSeq) {
				follow.lastSeq = event.s;
			}
		}

		follow.deliver(events);
	}
}
