/**
 * Where the log panel marks days. A separator row goes between two lines shown of different days (a
 * night, a weekend between them), and above the top line shown when that is not of today, so scrolled
 * back into yesterday, or attached to a backlog of Friday's lines on a Monday, the rows say which day
 * they are of even when no change falls inside the panel. A top line of today that starts it gets its
 * separator when a row is left for it. All lines of today with none before them: no separator at all.
 * Separators are rows, not lines: they take room (these functions count them), but search, filters,
 * the cursor and "N newer lines" see lines only. Where lines were missed (a console the scheduler
 * dropped for not reading, LogBuffer.markMissed), the separator row says so, with the day when that
 * changes there too.
 */
import type {LineFilter, LogBuffer, NumberedLine} from './log-buffer.js';
import {daySeparatorText} from './log-days.js';

/**
 * A line of the log panel; `dayBefore`: a separator row goes above it, naming its day (`── Tue 8 Dec ──`)
 * or saying that lines were missed before it (missedLinesText), or both.
 */
export type DayedLine = NumberedLine & {dayBefore?: string};

/** The separator row where lines were missed: dim, as a day's. */
export const missedLinesText = '── lines missed while this console was not reading ──';

/** The separator row above a line: its day (none: the same day as the line before), that lines were missed before it, or both. */
function separatorText(day: number | undefined, missed: boolean, today: number): string {
	if (!missed) {
		return daySeparatorText(day!, today);
	}

	return day === undefined ? missedLinesText : `${missedLinesText.slice(0, -3)} · ${daySeparatorText(day, today).slice(3)}`;
}

/**
 * What the log panel shows of a view ending at `end` (its `bottom`; undefined: following the newest):
 * dayWindow's lines, and when those leave rows blank (a short log scrolled to its oldest line, new lines
 * arriving since) the newer lines that fill them, the top line staying where it was. The keys read the
 * view through it too, so the cursor moves over the rows shown.
 */
export function logViewWindow(tail: LogBuffer, rows: number, end: number | undefined, filter: LineFilter, today: number): DayedLine[] {
	const shown = dayWindow(tail, rows, end, filter, today);
	const top = shown[0]?.seq;
	if (end === undefined || end >= tail.newest || top === undefined || top > firstMatching(tail, filter)) {
		return shown;
	}

	const bottom = bottomShowing(tail, top, rows, filter, today);
	return bottom > (shown.at(-1)?.seq ?? end) ? dayWindow(tail, rows, bottom, filter, today) : shown;
}

/** The oldest held line the filter lets through (past the newest when none does). */
function firstMatching(tail: LogBuffer, filter: LineFilter): number {
	let seq = tail.oldest;
	while (seq <= tail.newest && filter && !filter(tail.at(seq)!)) {
		seq++;
	}

	return seq;
}

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
		const newDay = top !== undefined && tail.dayAt(top.seq) !== tail.dayAt(seq);
		const missed = top !== undefined && tail.missedBetween(seq, top.seq);
		const between = newDay || missed;
		if (top && used + (between ? 1 : 0) + 1 + (tail.dayAt(seq) === today ? 0 : 1) > rows) {
			before = seq;
			break;
		}

		if (between) {
			top!.dayBefore = separatorText(newDay ? tail.dayAt(top!.seq) : undefined, missed, today);
			used++;
		}

		newestFirst.push({seq, line: tail.at(seq)!});
		used++;
	}

	const top = newestFirst.at(-1);
	if (top && used < rows) {
		const day = tail.dayAt(top.seq)!;
		const newDay = day !== today || (before !== undefined && tail.dayAt(before) !== day);
		const missed = tail.missedBetween(before ?? tail.oldest - 1, top.seq);
		if (newDay || missed) {
			top.dayBefore = separatorText(newDay ? day : undefined, missed, today);
		}
	}

	return newestFirst.reverse();
}

/** The last line of the view of `rows` rows whose top line is `top` (with its separator, if it needs one). */
export function bottomShowing(tail: LogBuffer, top: number, rows: number, filter: LineFilter, today: number): number {
	const above = tail.window(1, top - 1, filter)[0]?.seq ?? tail.oldest - 1;
	let used = tail.dayAt(top) === today && !tail.missedBetween(above, top) ? 1 : 2;
	let bottom = top;
	for (let seq = top + 1; seq <= tail.newest; seq++) {
		if (filter && !filter(tail.at(seq)!)) {
			continue;
		}

		const cost = 1 + (tail.dayAt(seq) === tail.dayAt(bottom) && !tail.missedBetween(bottom, seq) ? 0 : 1);
		if (used + cost > rows) {
			break;
		}

		used += cost;
		bottom = seq;
	}

	return bottom;
}
