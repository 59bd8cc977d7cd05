import {printable} from '../log/printable-text.js';
import {clip, displayWidth, wrapLine} from './text-fit.js';
import {glyphs} from './theme.js';

/** One thing the header's ⚠ lines tell, and where the operator reads it whole when it has no room. */
export type HeaderWarning = {
	text: string;
	/** A config problem or warning (`sage-console validate` lists them all); else a notice (`status`). */
	config?: boolean;
};

/** Rows one warning may take: a config problem of 150-odd characters reads whole at 80 columns. */
const rowsPerWarning = 3;

/**
 * How many ⚠ rows a terminal of `rows` rows gives the header: few on a short one, where each row is one
 * the panels lose (at 80×24 four leave them 17 rows); on one too short for the panels with four, two (as
 * many as it gave before the rows wrapped), so a long warning does not make a terminal "too small".
 */
export function warningRowBudget(rows: number): number {
	return rows < 30 ? Math.min(4, Math.max(2, rows - 13)) : 6;
}

/** Where a warning reads whole: a config problem in `sage-console validate`, a notice in `sage-console status`. */
function placeOf(warning: HeaderWarning): string {
	return warning.config ? 'sage-console validate' : 'sage-console status';
}

/** "… 2 more problems: sage-console validate · 1 more notice: sage-console status", or shorter when it must. */
function moreText(hidden: readonly HeaderWarning[], room: number): string {
	const problems = hidden.filter(warning => warning.config).length;
	const notices = hidden.length - problems;
	const parts = [
		...(problems > 0 ? [`${problems} more problem${problems === 1 ? '' : 's'}: sage-console validate`] : []),
		...(notices > 0 ? [`${notices} more notice${notices === 1 ? '' : 's'}: sage-console status`] : []),
	];
	const text = `… ${parts.join(' · ')}`;
	return displayWidth(text) <= room || parts.length === 1 ? text : `… ${hidden.length} more: sage-console status`;
}

/** "… 1 more problem; sage-console validate for all" when a shown warning was cut: where to read it (and the rest) whole. */
function cutText(cut: readonly HeaderWarning[], hidden: readonly HeaderWarning[], room: number): string {
	const places = [...new Set([...cut, ...hidden].map(warning => placeOf(warning)))].join(' · ');
	const problems = hidden.every(warning => warning.config) ? 'problem' : 'warning';
	const count = hidden.length > 0 ? `${hidden.length} more ${problems}${hidden.length === 1 ? '' : 's'}; ` : '';
	const text = `… ${count}${places} for all`;
	return displayWidth(text) <= room ? text : `… ${places} for all`;
}

/** A warning's rows at `room` columns: its wrapped lines, at most `rows` of them, the last ending in `…` when some are left off. */
function rowsOf(lines: readonly string[], rows: number, room: number): string[] {
	const kept = lines.slice(0, rows);
	if (rows < lines.length) {
		// One `…`: a row as wide as the room is cut to make room for it, and clip's own `…` is that one
		// (clipped to a cell less, then marked, it read `module file not foun……`).
		kept[rows - 1] = clip(`${kept[rows - 1]!}…`, room);
	}

	return kept;
}

/**
 * The header's ⚠ rows for `width` columns, at most `maxRows`: each warning wrapped at spaces onto as
 * many rows as it needs (up to three), its rows after the first indented under its text, most urgent
 * first. A config problem starts with its FILE:LINE:COL, so wrapping keeps it whole: a path longer than
 * a row is carried on to the next row.
 *
 * Each warning reads whole, or the last row says where to read it: when they do not all fit whole, the
 * last row is kept for that and the warnings fill the rows above in order, the last one shown cut with
 * `…` to the rows left (as is one longer than three rows). That row counts the ones left out
 * (`… 2 more problems: sage-console validate`), or, when one shown was cut, says where all read whole
 * (`… 1 more problem; sage-console validate for all`). With one row, that row alone.
 *
 * Computed when the warnings or the width change, not per frame (app.tsx memoises it).
 */
export function warningRows(warnings: readonly HeaderWarning[], width: number, maxRows: number): string[] {
	const lead = `${glyphs.warning} `;
	const indent = ' '.repeat(displayWidth(lead));
	const room = Math.max(1, width - displayWidth(lead));
	const wrapped = warnings.map(warning => wrapLine(printable(warning.text), room));
	const whole = wrapped.every(lines => lines.length <= rowsPerWarning) && wrapped.reduce((sum, lines) => sum + lines.length, 0) <= maxRows;
	const space = whole ? maxRows : maxRows - 1;
	const rows: string[] = [];
	const cut: HeaderWarning[] = [];
	let shown = 0;
	for (const [index, lines] of wrapped.entries()) {
		const take = Math.min(lines.length, rowsPerWarning, space - rows.length);
		if (take <= 0) {
			break;
		}

		if (take < lines.length) {
			cut.push(warnings[index]!);
		}

		rows.push(...rowsOf(lines, take, room).map((line, at) => (at === 0 ? lead : indent) + line));
		shown++;
	}

	if (!whole && maxRows > 0) {
		const hidden = warnings.slice(shown);
		rows.push(lead + (cut.length > 0 ? cutText(cut, hidden, room) : moreText(hidden, room)));
	}

	return rows;
}
