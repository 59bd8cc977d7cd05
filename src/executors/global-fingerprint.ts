import {createRequire} from 'node:module';

type Slot = {value: unknown; get: unknown; set: unknown; flags: number};
type Watched = {name: string; target: object; proto: object | null; slots: Map<PropertyKey, Slot>};
/** A watched object as the quick check reads it: its keys in order, and their slots in the same order. */
type Quick = {target: object; proto: object | null; keys: PropertyKey[]; slots: Slot[]};

const require = createRequire(import.meta.url);
/** Node modules every worker has loaded anyway, whose objects jobs like to patch (fs.readFileSync, EventEmitter.prototype.emit). */
const coreModules = ['fs', 'path', 'util', 'events'];
const maxChanges = 5;

/**
 * A cheap fingerprint of what one run could change for the next run on the same worker: the globals,
 * every built-in reachable from them with its prototype (Array.prototype.map, Object.prototype,
 * Promise, JSON, Math, Date.now…), a few core modules, process.env and process's listeners. Taken at
 * boot; `changes()` after a run names what differs (identity of each property's value or accessors,
 * its flags, the object's prototype, added keys). After a run that changed nothing (nearly every run)
 * that is one pass over arrays kept for it — each object's keys compared in order, each property's
 * descriptor against its slot, ~0.3 ms for ~1,400 properties — and only when something differs is
 * the pass that names it made (it builds a map per object: ~0.8 ms).
 *
 * Node defines some globals (fetch, crypto, Blob…) as getters that turn into plain values on first
 * use; that change is accepted (and the new value watched from then on), so a job replacing such a
 * global before ever touching it goes unseen. Reuse is only ever for the same job, so that is a job
 * surprising itself, not another job.
 */
export class GlobalFingerprint {
	private quick: Quick[];

	private constructor(
		private readonly watched: Watched[],
		private readonly lazyGlobals: Set<PropertyKey>,
		private readonly env: string,
		private readonly listeners: string,
		/** process.env's names as they were, in order, and their values: the same means the same env, without a sort. */
		private readonly envNames: string[],
		private readonly envValues: Array<string | undefined>,
	) {
		this.quick = quickOf(watched);
	}

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
		const envNames = Object.keys(process.env);
		return new GlobalFingerprint(watched, lazyGlobals, envText(), listenerText(), envNames, envNames.map(name => process.env[name]));
	}

	/** What differs from the fingerprint (at most a few, named), or nothing. */
	changes(): string[] {
		if (this.unchanged()) {
			return [];
		}

		const found = this.describeChanges();
		// A lazy global used for the first time was taken into the fingerprint: the quick check follows it.
		this.quick = quickOf(this.watched);
		return found;
	}

	/**
	 * Whether nothing at all differs, without naming anything: the same keys in the same order on every
	 * object, each property's descriptor the same as its slot, the same prototypes, env and listeners.
	 * Anything else (a lazy global that turned into a value included) is left to describeChanges.
	 */
	private unchanged(): boolean {
		for (const {target, proto, keys, slots} of this.quick) {
			if (Object.getPrototypeOf(target) !== proto) {
				return false;
			}

			const now = Reflect.ownKeys(target);
			if (now.length !== keys.length) {
				return false;
			}

			for (let index = 0; index < now.length; index++) {
				const key = now[index]!;
				if (key !== keys[index]) {
					return false;
				}

				const descriptor = Reflect.getOwnPropertyDescriptor(target, key);
				const slot = slots[index]!;
				// sameSlot's test, read off the descriptor as it is.
				if (!descriptor || !Object.is(descriptor.value, slot.value) || descriptor.get !== slot.get || descriptor.set !== slot.set || flagsOf(descriptor) !== slot.flags) {
					return false;
				}
			}
		}

		return this.sameEnv() && listenerText() === this.listeners;
	}

	/** Whether process.env has the same names in the same order with the same values (each read once: its reads are calls into Node). */
	private sameEnv(): boolean {
		const {env} = process;
		const names = Object.keys(env);
		if (names.length !== this.envNames.length) {
			return false;
		}

		for (let index = 0; index < names.length; index++) {
			const name = names[index]!;
			if (name !== this.envNames[index] || env[name] !== this.envValues[index]) {
				return false;
			}
		}

		return true;
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
			slots.set(key, slotOf(descriptor));
		}
	}

	return slots;
}

function slotOf(descriptor: PropertyDescriptor): Slot {
	return {value: descriptor.value, get: descriptor.get, set: descriptor.set, flags: flagsOf(descriptor)};
}

function flagsOf(descriptor: PropertyDescriptor): number {
	return (descriptor.writable ? 1 : 0) | (descriptor.enumerable ? 2 : 0) | (descriptor.configurable ? 4 : 0);
}

/** The arrays the quick check reads (a map's keys are in the order ownKeys gave them). */
function quickOf(watched: readonly Watched[]): Quick[] {
	return watched.map(({target, proto, slots}) => ({target, proto, keys: [...slots.keys()], slots: [...slots.values()]}));
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
