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

/** Log lines the console keeps; older ones are in the run logs. */
const tailCapacity = 5000;

/**
 * What the console draws from: the snapshot's changes and the log (a run's news is in the snapshot),
 * and the runs' ends, for each job's newest success (a job's last run alone may be a later failure).
 */
const drawnFrom: EventName[] = ['snapshot-changed', 'log-lines', 'run-finished'];

export class SchedulerFeed {
	readonly tail = new LogBuffer(tailCapacity);
	private current: SchedulerSnapshot;
	private successes: NewestSuccesses = new Map();
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
				feed.noteSuccesses(patch.jobs?.map(job => job.lastRun) ?? []);
				feed.changed();
			}
		});
		const offFinished = client.on('run-finished', run => {
			opened.feed?.noteSuccesses([run]);
		});
		const offLines = client.on('log-lines', ({lines}) => {
			opened.feed?.append(lines);
		});
		const {snapshot, tail} = await client.request('subscribe', {tailLines: tailCapacity, events: drawnFrom});
		const feed = new SchedulerFeed(client, snapshot);
		opened.feed = feed;
		feed.off.push(offPatch, offLines, offFinished, client.onClose(reason => feed.wentAway(reason)));
		feed.tail.append(tail);
		feed.noteSuccesses(snapshot.jobs.map(job => job.lastRun));
		feed.askSuccesses();

		return feed;
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

	subscribe(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	close(): void {
		for (const off of this.off.splice(0)) {
			off();
		}
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
