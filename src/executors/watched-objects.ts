import {createRequire} from 'node:module';
import {slotsOf, type Slot} from './property-slots.js';

/** An object a run could change for the next run, by name, with its prototype and properties as they were. */
export type Watched = {name: string; target: object; proto: object | null; slots: Map<PropertyKey, Slot>};

const require = createRequire(import.meta.url);
/** Node modules every worker has loaded anyway, whose objects jobs like to patch (fs.readFileSync, EventEmitter.prototype.emit). */
const coreModules = ['fs', 'path', 'util', 'events'];

/**
 * The objects a run could change for the next run on the same worker, as they are now: the globals,
 * every built-in reachable from them with its prototype (Array.prototype.map, Object.prototype,
 * Promise, JSON, Math, Date.now…), process, Buffer, the intrinsics no global names, and a few core
 * modules. `lazyGlobals`: the globals Node defines as getters (fetch, crypto, Blob…), not followed.
 */
export function watchObjects(): {watched: Watched[]; lazyGlobals: Set<PropertyKey>} {
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
	return {watched, lazyGlobals};
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
