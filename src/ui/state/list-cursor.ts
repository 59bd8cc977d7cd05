import type {ConsoleState} from './console-types.js';

/** A list the cursor moves in: the main panels' and a job's runs. */
export type CursorList = keyof ConsoleState['cursor'];

/** What names a row for good: a job's or a service's id, a run's id. */
export type RowKey = string | number;

/** The rows' keys of the lists whose rows come and go while the console is open. */
export type ListKeys = Partial<Record<CursorList, readonly RowKey[]>>;

const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), max);

/**
 * The row the cursor is on: the row picked last, wherever rows arriving or leaving have moved it;
 * when it has left the list, the row that took its place (or the last row).
 */
export function cursorAt(state: Pick<ConsoleState, 'cursor' | 'picked'>, list: CursorList, keys: readonly RowKey[]): number {
	const picked = state.picked[list];
	const at = picked === undefined ? -1 : keys.indexOf(picked);
	return at >= 0 ? at : clamp(state.cursor[list], 0, Math.max(0, keys.length - 1));
}

/** The cursor on row `index` of `list`, holding on to that row's key. */
export function cursorOn(state: ConsoleState, list: CursorList, index: number, key: RowKey | undefined): ConsoleState {
	if (state.cursor[list] === index && state.picked[list] === key) {
		return state;
	}

	return {...state, cursor: {...state.cursor, [list]: index}, picked: {...state.picked, [list]: key}};
}

/** The cursor `delta` rows on from where it is in `keys`. */
export function cursorMoved(state: ConsoleState, list: CursorList, keys: readonly RowKey[], delta: number): ConsoleState {
	const index = clamp(cursorAt(state, list, keys) + delta, 0, Math.max(0, keys.length - 1));
	return cursorOn(state, list, index, keys[index]);
}

/** Every list's cursor back on its picked row (or the nearest) after the lists changed. */
export function cursorsFollowed(state: ConsoleState, lists: ListKeys): ConsoleState {
	let next = state;
	for (const [list, keys] of Object.entries(lists) as Array<[CursorList, readonly RowKey[]]>) {
		const index = cursorAt(next, list, keys);
		next = cursorOn(next, list, index, keys[index]);
	}

	return next;
}
