import {createRequire} from 'node:module';

type Slot = {value: unknown; get: unknown; set: unknown; flags: number};
type Watched = {name: string; target: object; proto: object | null; slots: Map<PropertyKey, Slot>};

const require = createRequire(import.meta.url);
/** Node modules every worker has loaded anyway, whose objects jobs like to patch (fs.readFileSync, EventEmitter.prototype.emit). */
const coreModules = ['fs', 'path', 'util', 'events'];
const maxChanges = 5;

/**
 * A cheap fingerprint of what one run could change for the next run on the same worker: the globals,
 * every built-in reachable from them with its prototype (Array.prototype.map, Object.prototype,
 * Promise, JSON, Math, Date.now…), a few core modules, process.env and process's listeners. Taken at
 * boot; `changes()` after a run names what differs (identity of each property's value or accessors,
 * its flags, the object's prototype, added keys). A few thousand property reads: well under a
 * millisecond, once per run.
 *
 * Node defines some globals (fetch, crypto, Blob…) as getters that turn into plain values on first
 * use; that change is accepted (and the new value watched from then on), so a job replacing such a
 * global before ever touching it goes unseen. Reuse is only ever for the same job, so that is a job
 * surprising itself, not another job.
 */
export class GlobalFingerprint {
	private constructor(
		private readonly watched: Watched[],
		private readonly lazyGlobals: Set<PropertyKey>,
		private readonly env: string,
		private readonly listeners: string,
	) {}

	static take(): GlobalFingerprint {
		const targets = new Map<object, string>([[globalThis, 'globalThis']]);
		const add = (value: unknown, name: string) => {
			if ((typeof value === 'object' || typeof value === 'function') && value !== null && !targets.has(value)) {
				targets.set(value, name);
				const prototype = (value as {prototype?: unknown}).prototype;
				if (typeof value === 'function' && typeof prototype === 'object' && prototype !== null && !targets.has(prototype)) {
					targets.set(prototype, `${name}.prototype`);
				}
			}
		};

		const lazyGlobals = new Set<PropertyKey>();
		for (const key of Reflect.ownKeys(globalThis)) {
			const descriptor = Reflect.getOwnPropertyDescriptor(globalThis, key)!;
			if ('value' in descriptor) {
				add(descriptor.value, String(key));
			} else {
				lazyGlobals.add(key);
			}
		}

		add(process, 'process');
		add(Buffer, 'Buffer');
		for (const [value, name] of intrinsics()) {
			add(value, name);
		}

		for (const name of coreModules) {
			add(require(name), `require('${name}')`);
		}

		const watched = [...targets].map(([target, name]) => ({name, target, proto: Object.getPrototypeOf(target) as object | null, slots: slotsOf(target)}));
		return new GlobalFingerprint(watched, lazyGlobals, envText(), listenerText());
	}

	/** What differs from the fingerprint (at most a few, named), or nothing. */
	changes(): string[] {
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

		if (envText() !== this.env) {
			report('process.env was changed');
		}

		if (listenerText() !== this.listeners) {
			report('listeners on process were added or removed');
		}

		return found;
	}
}

/** Objects every realm has that no global names: %TypedArray%, the iterator prototypes, AsyncFunction… */
function intrinsics(): Array<[unknown, string]> {
	const arrayIterator = Object.getPrototypeOf([][Symbol.iterator]()) as object;
	return [
		[Object.getPrototypeOf(Uint8Array), '%TypedArray%'],
		[arrayIterator, '%ArrayIteratorPrototype%'],
		[Object.getPrototypeOf(arrayIterator), '%IteratorPrototype%'],
		[Object.getPrototypeOf(async () => undefined), '%AsyncFunction.prototype%'],
		[Object.getPrototypeOf(function * () {
			// Only its prototype is wanted.
		}), '%GeneratorFunction.prototype%'],
	];
}

function slotsOf(target: object): Map<PropertyKey, Slot> {
	const slots = new Map<PropertyKey, Slot>();
	for (const key of Reflect.ownKeys(target)) {
		const descriptor = Reflect.getOwnPropertyDescriptor(target, key);
		if (descriptor) {
			slots.set(key, {
				value: descriptor.value,
				get: descriptor.get,
				set: descriptor.set,
				flags: (descriptor.writable ? 1 : 0) | (descriptor.enumerable ? 2 : 0) | (descriptor.configurable ? 4 : 0),
			});
		}
	}

	return slots;
}

function sameSlot(a: Slot, b: Slot): boolean {
	// Object.is: NaN stays NaN (Number.NaN), and +0/-0 differ as they do for a program.
	return Object.is(a.value, b.value) && a.get === b.get && a.set === b.set && a.flags === b.flags;
}

function envText(): string {
	return JSON.stringify(Object.entries(process.env).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function listenerText(): string {
	return process.eventNames().map(name => `${String(name)}:${process.listenerCount(name)}`).sort().join(',');
}
