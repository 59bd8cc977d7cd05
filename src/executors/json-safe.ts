/**
 * A job's result (and anything else a job hands the scheduler) made into plain JSON data at the
 * boundary, once, where the job's own objects are still at hand: what crosses the thread boundary and
 * goes into SQLite is then only plain objects, arrays, strings, finite numbers, booleans and null.
 * JSON.stringify alone throws on a BigInt or a cycle and runs any `toJSON` or getter unguarded; a job's
 * success must not turn into a failure (or a crash of the scheduler) because of what it returned. What
 * had to change is listed in `notes`, never a function's source or a secret's value. Arrays, maps and
 * objects are walked in json-safe-containers.ts; the notes are kept in json-safe-walk.ts.
 */
import {visitEntries, visitItems, visitMap} from './json-safe-containers.js';
import {errorText, note, omitted, type JsonSafeWalk} from './json-safe-walk.js';

export type JsonSafe = {value: unknown; notes: string[]};

/** Deeper than this is cut: a deep (non-circular) chain must not exhaust the stack. */
const maxDepth = 64;

/** `value` as plain JSON data; `label` starts the paths the notes name (`result.rows[2].at`). */
export function toJsonSafe(value: unknown, label = 'result'): JsonSafe {
	const walk: JsonSafeWalk = {notes: [], moreNotes: 0, ancestors: new Set()};
	const safe = visit(value, label, '', 0, walk);
	if (walk.moreNotes > 0) {
		walk.notes.push(`… and ${walk.moreNotes} more`);
	}

	return {value: safe === omitted ? undefined : safe, notes: walk.notes};
}

function visit(value: unknown, path: string, key: string, depth: number, walk: JsonSafeWalk): unknown {
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

function visitObject(object: object, path: string, key: string, depth: number, walk: JsonSafeWalk): unknown {
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

function convert(object: object, path: string, key: string, depth: number, walk: JsonSafeWalk): unknown {
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
		return visitItems(visit, object, path, depth, walk);
	}

	if (ArrayBuffer.isView(object) && !(object instanceof DataView)) {
		return visitItems(visit, Array.from(object as unknown as ArrayLike<number | bigint>), path, depth, walk);
	}

	if (object instanceof Set) {
		return visitItems(visit, [...object], path, depth, walk);
	}

	if (object instanceof Map) {
		return visitMap(visit, object, path, depth, walk);
	}

	const out = visitEntries(visit, Object.keys(object), name => (object as Record<string, unknown>)[name], path, depth, walk);
	if (object instanceof Error) {
		// JSON would keep none of what describes an error.
		return {name: object.name, message: object.message, ...out};
	}

	return out;
}
