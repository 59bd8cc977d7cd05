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
 * The followed runs are kept in run-follows.ts, the news read in run-news-reads.ts, the runs' own
 * streams in run-stream-reads.ts; this is the loop that drives them.
 *
 * Nothing is lost between the reads: a worker writes the run's stream before its news entry, and a new
 * run is followed before it is queued, so before it can have news; the runs followed before the reader
 * first knew where the news stream stood are read from their own streams once it does (their news may
 * lie before that point). News trimmed away, or a reply lost
 * with a connection, is made good by a sweep that reads every followed run's stream every few seconds
 * and after every connection error.
 */
import type {RedisLink} from './redis-link.js';
import {RunFollows} from './run-follows.js';
import {RunNewsReads} from './run-news-reads.js';
import type {SequencedEvent} from './run-events.js';
import {readRunStreams} from './run-stream-reads.js';

/** A blocking read is renewed this often (a half-open connection cannot hang the reader for ever). */
const blockMs = 5000;

export type RunEventReaderOptions = {
	/** Every followed run is read this often whatever the news says. @default 5000 */
	sweepMs?: number;
	now?: () => number;
};

export class RunEventReader {
	private readonly follows = new RunFollows();
	private readonly news: RunNewsReads;
	private reading: Promise<void> | undefined;
	private readonly sweepMs: number;
	private readonly now: () => number;
	private sweptAt: number;
	private stopped = false;

	constructor(private readonly link: RedisLink, options: RunEventReaderOptions = {}) {
		this.news = new RunNewsReads(link, this.follows);
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
		this.follows.add(key, fromId, deliver, history);
		if (!this.reading) {
			this.startReading();
		} else if (history && this.news.isBlocked) {
			this.news.wake();
		}
	}

	unfollow(key: string): void {
		this.follows.remove(key);
	}

	/** Stops reading (a blocked read is woken, or ends when the link closes). */
	stop(): void {
		this.stopped = true;
		this.follows.clear();
		if (this.news.isBlocked) {
			this.news.wake();
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

	private async read(): Promise<void> {
		while (!this.stopped && this.follows.size > 0) {
			try {
				await this.news.locate();
				if (this.now() - this.sweptAt >= this.sweepMs) {
					this.sweep();
				}

				await (this.follows.hasPending ? readRunStreams(this.link, this.follows) : this.news.read(Math.min(blockMs, this.sweepMs)));
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
		this.follows.sweep();
	}
}
