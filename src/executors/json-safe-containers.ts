import {errorText, note, omitted, type JsonSafeVisit, type JsonSafeWalk} from './json-safe-walk.js';

/** Items of an array (a typed array, a set…) made plain, each visited with `visit`; an omitted one becomes null. */
export function visitItems(visit: JsonSafeVisit, items: readonly unknown[], path: string, depth: number, walk: JsonSafeWalk): unknown[] {
	const out: unknown[] = [];
	for (let index = 0; index < items.length; index++) {
		const item = visit(items[index], `${path}[${index}]`, String(index), depth + 1, walk);
		out.push(item === omitted ? null : item);
	}

	return out;
}

/** A map as an object when its keys are names or numbers, else as its pairs. */
export function visitMap(visit: JsonSafeVisit, map: Map<unknown, unknown>, path: string, depth: number, walk: JsonSafeWalk): unknown {
	const entries = [...map.entries()];
	if (entries.every(([name]) => typeof name === 'string' || typeof name === 'number')) {
		const byName = new Map(entries.map(([name, value]) => [String(name), value]));
		return visitEntries(visit, [...byName.keys()], name => byName.get(name), path, depth, walk);
	}

	// Keys that are objects have no faithful object form: keep the pairs.
	return visitItems(visit, entries, path, depth, walk);
}

/** An object's entries; `read` fetches a value (a getter may throw: only that value is replaced). */
export function visitEntries(visit: JsonSafeVisit, names: readonly string[], read: (name: string) => unknown, path: string, depth: number, walk: JsonSafeWalk): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const name of names) {
		const childPath = /^[A-Za-z_$][\w$]*$/.test(name) ? `${path}.${name}` : `${path}[${JSON.stringify(name)}]`;
		let item: unknown;
		try {
			item = visit(read(name), childPath, name, depth + 1, walk);
		} catch (error) {
			note(walk, childPath, `reading it threw (${errorText(error)}), replaced by "[Unreadable]"`);
			item = '[Unreadable]';
		}

		if (item !== omitted) {
			// `out.__proto__ = x` would set the prototype, not a key.
			Object.defineProperty(out, name, {value: item, enumerable: true, writable: true, configurable: true});
		}
	}

	return out;
}
