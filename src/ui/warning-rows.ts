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

/**
 * The header's ⚠ rows for `width` columns, at most `maxRows`: each warning wrapped at spaces onto as
 * many rows as it needs (up to three; a longer one ends its third with `…`), its rows after the first
 * indented under its text, most urgent first. When they do not all fit, the last row counts the rest and
 * says where to read them (with one row, that count alone). A config problem starts with its
 * FILE:LINE:COL, so wrapping keeps it whole: a path longer than a row is carried on to the next row.
 *
 * Computed when the warnings or the width change, not per frame (app.tsx memoises it).
 */
export function warningRows(warnings: readonly HeaderWarning[], width: number, maxRows: number): string[] {
	const lead = `${glyphs.warning} `;
	const indent = ' '.repeat(displayWidth(lead));
	const room = Math.max(1, width - displayWidth(lead));
	const rows: string[] = [];
	let shown = 0;
	for (const [index, warning] of warnings.entries()) {
		// A row is kept for the count of the rest when some follow this one.
		const left = maxRows - rows.length - (index < warnings.length - 1 ? 1 : 0);
		if (left <= 0) {
			break;
		}

		const lines = wrapLine(printable(warning.text), room);
		const take = Math.min(lines.length, rowsPerWarning, left);
		const kept = lines.slice(0, take);
		if (take < lines.length) {
			kept[take - 1] = `${clip(kept[take - 1]!, room - 1)}…`;
		}

		rows.push(...kept.map((line, at) => (at === 0 ? lead : indent) + line));
		shown++;
	}

	if (shown < warnings.length && maxRows > 0) {
		rows.push(lead + moreText(warnings.slice(shown), room));
	}

	return rows;
}
