/**
 * What the console knows of its scheduler: the snapshot (kept current from the scheduler's patches)
 * and the newest log lines, fed by the protocol. The console reads it through hooks; it never talks
 * to a scheduler object, only to this and to the client's requests.
 */
import type {LogLine} from '../core/log-line.js';
import type {SchedulerClient} from '../protocol/client.js';
import type {EventName} from '../protocol/messages.js';
import type {SchedulerSnapshot} from '../protocol/snapshot.js';
import {LogBuffer} from './log-buffer.js';

/** Log lines the console keeps; older ones are in the run logs. */
const tailCapacity = 5000;

/** What the console draws from: the snapshot's changes and the log (a run's news is in the snapshot). */
const drawnFrom: EventName[] = ['snapshot-changed', 'log-lines'];

export class SchedulerFeed {
	readonly tail = new LogBuffer(tailCapacity);
	private current: SchedulerSnapshot;
	private readonly listeners = new Set<() => void>();
	private readonly off: Array<() => void> = [];
	private lostReason: string | undefined;
	private lost = false;

	private constructor(readonly client: SchedulerClient, snapshot: SchedulerSnapshot) {
		this.current = snapshot;
	}

	/**
	 * Subscribes, then takes the snapshot and the tail: events that arrive before the answer are
	 * already in it, and are dropped.
	 */
	static async open(client: SchedulerClient): Promise<SchedulerFeed> {
		const opened: {feed?: SchedulerFeed} = {};
		const offPatch = client.on('snapshot-changed', patch => {
			const {feed} = opened;
			if (feed) {
				feed.current = {...feed.current, ...patch};
				feed.changed();
			}
		});
		const offLines = client.on('log-lines', ({lines}) => {
			opened.feed?.append(lines);
		});
		const {snapshot, tail} = await client.request('subscribe', {tailLines: tailCapacity, events: drawnFrom});
		const feed = new SchedulerFeed(client, snapshot);
		opened.feed = feed;
		feed.off.push(offPatch, offLines, client.onClose(reason => feed.wentAway(reason)));
		feed.tail.append(tail);

		return feed;
	}

	get snapshot(): SchedulerSnapshot {
		return this.current;
	}

	/** Set when the scheduler went away (a console attached to a scheduler that stopped or died). */
	get gone(): string | undefined {
		return this.lost ? this.lostReason ?? 'the scheduler went away' : undefined;
	}

	subscribe(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	close(): void {
		for (const off of this.off.splice(0)) {
			off();
		}
	}

	private append(lines: LogLine[]): void {
		this.tail.append(lines);
		this.changed();
	}

	private wentAway(reason?: string): void {
		this.lost = true;
		this.lostReason = reason;
		this.changed();
	}

	private changed(): void {
		for (const listener of this.listeners) {
			listener();
		}
	}
}
