/**
 * A job's result (and anything else a job hands the scheduler) made into plain JSON data at the
 * boundary, once, where the job's own objects are still at hand: what crosses the thread boundary and
 * goes into SQLite is then only plain objects, arrays, strings, finite numbers, booleans and null.
 * JSON.stringify alone throws on a BigInt or a cycle and runs any `toJSON` or getter unguarded; a job's
 * success must not turn into a failure (or a crash of the scheduler) because of what it returned. What
 * had to change is listed in `notes`, never a function's source or a secret's value.
 */
export type JsonSafe = {value: unknown; notes: string[]};

/** Deeper than this is cut: a deep (non-circular) chain must not exhaust the stack. */
const maxDepth = 64;
const maxNotes = 20;
const maxMarkerText = 200;

/** Values that are left out (in an object) or become null (in an array), as JSON does. */
const omitted = Symbol('omitted');

type Walk = {notes: string[]; moreNotes: number; ancestors: Set<object>};

/** `value` as plain JSON data; `label` starts the paths the notes name (`result.rows[2].at`). */
export function toJsonSafe(value: unknown, label = 'result'): JsonSafe {
	const walk: Walk = {notes: [], moreNotes: 0, ancestors: new Set()};
	const safe = visit(value, label, '', 0, walk);
	if (walk.moreNotes > 0) {
		walk.notes.push(`… and ${walk.moreNotes} more`);
	}

	return {value: safe === omitted ? undefined : safe, notes: walk.notes};
}

function note(walk: Walk, path: string, text: string): void {
	if (walk.notes.length < maxNotes) {
		walk.notes.push(`${path}: ${text}`);
	} else {
		walk.moreNotes++;
	}
}

function visit(value: unknown, path: string, key: string, depth: number, walk: Walk): unknown {
	switch (typeof value) {
		case 'string':
		case 'boolean': {
			return value;
		}

		case 'number': {
			if (Number.isFinite(value)) {
				return value;
			}

			note(walk, path, `${String(value)} kept as null`);
			return null;
		}

		case 'bigint': {
			note(walk, path, 'BigInt kept as a string');
			return value.toString();
		}

		case 'undefined': {
			return omitted;
		}

		case 'function': {
			note(walk, path, 'function dropped');
			return omitted;
		}

		case 'symbol': {
			note(walk, path, 'symbol dropped');
			return omitted;
		}

		default: {
			return value === null ? null : visitObject(value as object, path, key, depth, walk);
		}
	}
}

function visitObject(object: object, path: string, key: string, depth: number, walk: Walk): unknown {
	if (walk.ancestors.has(object)) {
		note(walk, path, 'circular reference replaced by "[Circular]"');
		return '[Circular]';
	}

	if (depth >= maxDepth) {
		note(walk, path, `nested deeper than ${maxDepth} levels, replaced by "[Too deep]"`);
		return '[Too deep]';
	}

	walk.ancestors.add(object);
	try {
		return convert(object, path, key, depth, walk);
	} catch (error) {
		// A Proxy whose traps throw, a getter that throws, a Date with a broken prototype…
		note(walk, path, `could not be read (${errorText(error)}), replaced by "[Unreadable]"`);
		return '[Unreadable]';
	} finally {
		walk.ancestors.delete(object);
	}
}

function convert(object: object, path: string, key: string, depth: number, walk: Walk): unknown {
	if (object instanceof Date) {
		const time = object.getTime();
		return Number.isNaN(time) ? null : new Date(time).toISOString();
	}

	const toJson = (object as {toJSON?: unknown}).toJSON;
	if (typeof toJson === 'function') {
		let replaced: unknown;
		try {
			replaced = (toJson as (key: string) => unknown).call(object, key);
		} catch (error) {
			const marker = `[toJSON threw: ${errorText(error)}]`;
			note(walk, path, `toJSON() threw, replaced by a marker`);
			return marker;
		}

		if (replaced !== object) {
			return visit(replaced, path, key, depth + 1, walk);
		}
	}

	if (object instanceof Number || object instanceof String || object instanceof Boolean || object instanceof BigInt) {
		return visit(object.valueOf(), path, key, depth, walk);
	}

	if (Array.isArray(object)) {
		return visitItems(object, path, depth, walk);
	}

	if (ArrayBuffer.isView(object) && !(object instanceof DataView)) {
		return visitItems(Array.from(object as unknown as ArrayLike<number | bigint>), path, depth, walk);
	}

	if (object instanceof Set) {
		return visitItems([...object], path, depth, walk);
	}

	if (object instanceof Map) {
		return visitMap(object, path, depth, walk);
	}

	const out = visitEntries(Object.keys(object), name => (object as Record<string, unknown>)[name], path, depth, walk);
	if (object instanceof Error) {
		// JSON would keep none of what describes an error.
		return {name: object.name, message: object.message, ...out};
	}

	return out;
}

function visitItems(items: readonly unknown[], path: string, depth: number, walk: Walk): unknown[] {
	const out: unknown[] = [];
	for (let index = 0; index < items.length; index++) {
		const item = visit(items[index], `${path}[${index}]`, String(index), depth + 1, walk);
		out.push(item === omitted ? null : item);
	}

	return out;
}

function visitMap(map: Map<unknown, unknown>, path: string, depth: number, walk: Walk): unknown {
	const entries = [...map.entries()];
	if (entries.every(([name]) => typeof name === 'string' || typeof name === 'number')) {
		const byName = new Map(entries.map(([name, value]) => [String(name), value]));
		return visitEntries([...byName.keys()], name => byName.get(name), path, depth, walk);
	}

	// Keys that are objects have no faithful object form: keep the pairs.
	return visitItems(entries, path, depth, walk);
}

/** An object's entries; `read` fetches a value (a getter may throw: only that value is replaced). */
function visitEntries(names: readonly string[], read: (name: string) => unknown, path: string, depth: number, walk: Walk): Record<string, unknown> {
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

function errorText(error: unknown): string {
	let text: string;
	try {
		text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
	} catch {
		text = 'an unprintable value';
	}

	return text.length > maxMarkerText ? `${text.slice(0, maxMarkerText - 1)}…` : text;
}
