import {slotsOf, sameSlot} from './property-slots.js';
import {ProcessFingerprint} from './process-fingerprint.js';
import {quickSlotsOf, slotsUnchanged, type QuickSlots} from './quick-slot-check.js';
import {watchObjects, type Watched} from './watched-objects.js';

const maxChanges = 5;

/**
 * A cheap fingerprint of what one run could change for the next run on the same worker: the globals,
 * every built-in reachable from them with its prototype (Array.prototype.map, Object.prototype,
 * Promise, JSON, Math, Date.now…), a few core modules (watched-objects.ts), process.env and process's
 * listeners (process-fingerprint.ts). Taken at boot; `changes()` after a run names what differs
 * (identity of each property's value or accessors, its flags, the object's prototype, added keys).
 * After a run that changed nothing (nearly every run) that is one quick pass over arrays kept for it
 * (quick-slot-check.ts), and only when something differs is the pass that names it made (it builds a
 * map per object: ~0.8 ms).
 *
 * Node defines some globals (fetch, crypto, Blob…) as getters that turn into plain values on first
 * use; that change is accepted (and the new value watched from then on), so a job replacing such a
 * global before ever touching it goes unseen. Reuse is only ever for the same job, so that is a job
 * surprising itself, not another job.
 */
export class GlobalFingerprint {
	private quick: QuickSlots[];

	private constructor(
		private readonly watched: Watched[],
		private readonly lazyGlobals: Set<PropertyKey>,
		private readonly processPrint: ProcessFingerprint,
	) {
		this.quick = quickSlotsOf(watched);
	}

	static take(): GlobalFingerprint {
		const {watched, lazyGlobals} = watchObjects();
		return new GlobalFingerprint(watched, lazyGlobals, ProcessFingerprint.take());
	}

	/** What differs from the fingerprint (at most a few, named), or nothing. */
	changes(): string[] {
		// Anything the quick check does not pass (a lazy global that turned into a value included) is left to describeChanges.
		if (slotsUnchanged(this.quick) && this.processPrint.unchanged()) {
			return [];
		}

		const found = this.describeChanges();
		// A lazy global used for the first time was taken into the fingerprint: the quick check follows it.
		this.quick = quickSlotsOf(this.watched);
		return found;
	}

	private describeChanges(): string[] {
		const found: string[] = [];
		const report = (text: string) => found.length < maxChanges && found.push(text);
		for (const entry of this.watched) {
			if (Object.getPrototypeOf(entry.target) !== entry.proto) {
				report(`the prototype of ${entry.name} was replaced`);
			}

			const now = slotsOf(entry.target);
			for (const [key, slot] of entry.slots) {
				const current = now.get(key);
				if (!current) {
					report(`${entry.name}.${String(key)} was deleted`);
				} else if (!sameSlot(slot, current)) {
					if (entry.target === globalThis && this.lazyGlobals.delete(key) && slot.get !== undefined && current.get === undefined) {
						entry.slots.set(key, current); // Node's lazy global, used for the first time.
					} else {
						report(`${entry.name}.${String(key)} was changed`);
					}
				}
			}

			for (const key of now.keys()) {
				if (!entry.slots.has(key)) {
					report(`${entry.name}.${String(key)} was added`);
				}
			}

			if (found.length >= maxChanges) {
				break;
			}
		}

		for (const text of this.processPrint.changes()) {
			report(text);
		}

		return found;
	}
}
