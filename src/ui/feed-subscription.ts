/**
 * A console's subscription to its scheduler: the events it draws from, asked for before the
 * snapshot and the tail, so no event falls between the two (events that arrive before the answer are
 * already in it).
 */
import type {LogLine} from '../core/log-line.js';
import type {SchedulerClient} from '../protocol/client.js';
import type {EventName, Events} from '../protocol/messages.js';
import type {RunSummary, SchedulerSnapshot} from '../protocol/snapshot.js';

/** Log lines the console keeps; older ones are in the run logs. */
export const tailCapacity = 5000;

/**
 * What the console draws from: the snapshot's changes and the log (a run's news is in the snapshot),
 * and the runs' ends, for each job's newest success (a job's last run alone may be a later failure).
 */
const drawnFrom: EventName[] = ['snapshot-changed', 'log-lines', 'run-finished'];

/** Where a subscription's events go. */
export type FeedSink = {
	patched(patch: Events['snapshot-changed']): void;
	finished(run: RunSummary): void;
	logged(lines: LogLine[]): void;
};

/** Where a subscription's events go once its answer is in: until `sink` is set, they are dropped. */
export type SinkSlot = {sink?: FeedSink};

/** `olderLines`: the scheduler holds lines older than the tail (undefined: a scheduler that does not say). */
export type Subscription = {snapshot: SchedulerSnapshot; tail: readonly LogLine[]; olderLines?: boolean; off: Array<() => void>};

/** Listens on `client` for what the console draws from, then asks for the snapshot and the tail. */
export async function subscribeFeed(client: SchedulerClient, slot: SinkSlot): Promise<Subscription> {
	const off = [
		client.on('snapshot-changed', patch => {
			slot.sink?.patched(patch);
		}),
		client.on('run-finished', run => {
			slot.sink?.finished(run);
		}),
		client.on('log-lines', ({lines}) => {
			slot.sink?.logged(lines);
		}),
	];
	try {
		const {snapshot, tail, olderLines} = await client.request('subscribe', {tailLines: tailCapacity, events: drawnFrom});
		return {snapshot, tail, olderLines, off};
	} catch (error) {
		stopAll(off);
		throw error;
	}
}

/** Ends each listener a subscription set up. */
export function stopAll(off: Array<() => void>): void {
	for (const stop of off.splice(0)) {
		stop();
	}
}
