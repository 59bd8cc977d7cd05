/**
 * Where the log panel marks days. A separator row goes between two lines shown of different days (a
 * night, a weekend between them), and above the top line shown when that is not of today, so scrolled
 * back into yesterday, or attached to a backlog of Friday's lines on a Monday, the rows say which day
 * they are of even when no change falls inside the panel. A top line of today that starts it gets its
 * separator when a row is left for it. All lines of today with none before them: no separator at all.
 * Separators are rows, not lines: they take room (these functions count them), but search, filters,
 * the cursor and "N newer lines" see lines only.
 */
import type {LineFilter, LogBuffer, NumberedLine} from './log-buffer.js';
import {daySeparatorText} from './log-days.js';

/** A line of the log panel; `dayBefore`: a separator row naming its day (`── Tue 8 Dec ──`) goes above it. */
export type DayedLine = NumberedLine & {dayBefore?: string};

/**
 * The matching lines that fit `rows` rows with their day separators, ending at `end` (default: the
 * newest) or before it, oldest first. The last line is always shown, without its separator if a
 * single row leaves no room for one.
 */
export function dayWindow(tail: LogBuffer, rows: number, end: number | undefined, filter: LineFilter, today: number): DayedLine[] {
	const newestFirst: DayedLine[] = [];
	/** Rows of the lines taken and of the separators between them (not the top one's). */
	let used = 0;
	/** The matching line before the top one, when it did not fit. */
	let before: number | undefined;
	for (let seq = Math.min(end ?? tail.newest, tail.newest); seq >= tail.oldest; seq--) {
		if (filter && !filter(tail.at(seq)!)) {
			continue;
		}

		const top = newestFirst.at(-1);
		const between = top !== undefined && tail.dayAt(top.seq) !== tail.dayAt(seq);
		if (top && used + (between ? 1 : 0) + 1 + (tail.dayAt(seq) === today ? 0 : 1) > rows) {
			before = seq;
			break;
		}

		if (between) {
			top!.dayBefore = daySeparatorText(tail.dayAt(top!.seq)!, today);
			used++;
		}

		newestFirst.push({seq, line: tail.at(seq)!});
		used++;
	}

	const top = newestFirst.at(-1);
	if (top && used < rows) {
		const day = tail.dayAt(top.seq)!;
		if (day !== today || (before !== undefined && tail.dayAt(before) !== day)) {
			top.dayBefore = daySeparatorText(day, today);
		}
	}

	return newestFirst.reverse();
}

/** The last line of the view of `rows` rows whose top line is `top` (with its separator, if it needs one). */
export function bottomShowing(tail: LogBuffer, top: number, rows: number, filter: LineFilter, today: number): number {
	let used = tail.dayAt(top) === today ? 1 : 2;
	let bottom = top;
	for (let seq = top + 1; seq <= tail.newest; seq++) {
		if (filter && !filter(tail.at(seq)!)) {
			continue;
		}

		const cost = 1 + (tail.dayAt(seq) === tail.dayAt(bottom) ? 0 : 1);
		if (used + cost > rows) {
			break;
		}

		used += cost;
		bottom = seq;
	}

	return bottom;
}
