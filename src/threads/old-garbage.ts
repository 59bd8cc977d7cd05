import {getHeapSpaceStatistics} from 'node:v8';
import {exposedGc} from './exposed-gc.js';

export type OldGarbageOptions = {
	/** How often to look at the old generation. @default 30 s */
	checkEveryMs?: number;
	/** Collect once the old generation has grown by this much since the last full collection… @default 2 MiB */
	minGrowthBytes?: number;
	/** …or by this share of what it held then, whichever is larger. @default 0.25 */
	growthShare?: number;
	/**
	 * A thread holding more than this is left to V8: a collection made here is atomic, about 1 ms per MB
	 * held on this machine (150–200 ms at 200 MB; bench/subjects/full-collection-cost.mjs), where V8's
	 * own marks step by step beside the job. @default 64 MiB
	 */
	mostHeldBytes?: number;
};

export type OldGarbageCollector = {
	/** Full collections made so far by this collector (not counting V8's own). */
	readonly collections: number;
	stop(): void;
};

/** Bytes in use in the spaces objects are promoted to: old objects and large ones. */
function oldBytes(): number {
	let bytes = 0;
	for (const space of getHeapSpaceStatistics()) {
		if (space.space_name === 'old_space' || space.space_name === 'lo_space') {
			bytes += space.space_used_size;
		}
	}

	return bytes;
}

/**
 * Keeps this thread's old generation near what it really holds: a full collection (mark-compact) each
 * time it has grown by `minGrowthBytes` (or `growthShare` of itself) since the last one. A job worker
 * that runs all day — a quote feed logging a hundred lines a second — promotes a little garbage every
 * second, and with the memory reducer off (steady-worker-heaps) V8 let it pile up 15–20 MB before
 * compacting: the whole process's memory sawed over an hour, and a day's trend could not be read from
 * it. A collection of a heap this size takes a few milliseconds of the job's thread, every several
 * minutes; a thread that does not grow (an idle worker) is never collected, nor one holding more than
 * `mostHeldBytes`. The timer never keeps the thread alive.
 */
export function collectOldGarbageAsItGrows(options: OldGarbageOptions = {}): OldGarbageCollector {
	const {checkEveryMs = 30_000, minGrowthBytes = 2 * 1024 * 1024, growthShare = 0.25, mostHeldBytes = 64 * 1024 * 1024} = options;
	let collections = 0;
	// The least the old generation has held since the last full collection (V8's own ones lower it too).
	let floor = oldBytes();
	const timer = setInterval(() => {
		const now = oldBytes();
		floor = Math.min(floor, now);
		const collect = exposedGc();
		if (collect && floor <= mostHeldBytes && now - floor >= Math.max(minGrowthBytes, floor * growthShare)) {
			collect();
			collections++;
			floor = oldBytes();
		}
	}, checkEveryMs);
	timer.unref();
	return {
		get collections() {
			return collections;
		},
		stop() {
			clearInterval(timer);
		},
	};
}
