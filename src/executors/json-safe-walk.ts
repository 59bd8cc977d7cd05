/** What a walk to plain JSON data carries along: the notes on what had to change, and the objects above the one visited (cycles). */
export type JsonSafeWalk = {notes: string[]; moreNotes: number; ancestors: Set<object>};

/** Visits one value of the walk: the value as plain JSON data, or `omitted`. */
export type JsonSafeVisit = (value: unknown, path: string, key: string, depth: number, walk: JsonSafeWalk) => unknown;

/** Values that are left out (in an object) or become null (in an array), as JSON does. */
export const omitted = Symbol('omitted');

const maxNotes = 20;
const maxMarkerText = 200;

/** A note on what changed at `path`; past the first few, only counted. */
export function note(walk: JsonSafeWalk, path: string, text: string): void {
	if (walk.notes.length < maxNotes) {
		walk.notes.push(`${path}: ${text}`);
	} else {
		walk.moreNotes++;
	}
}

/** What a thrown value says, short, for a note or marker (it may itself throw when printed). */
export function errorText(error: unknown): string {
	let text: string;
	try {
		text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
	} catch {
		text = 'an unprintable value';
	}

	return text.length > maxMarkerText ? `${text.slice(0, maxMarkerText - 1)}…` : text;
}
