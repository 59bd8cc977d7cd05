import {printable} from '../log/printable-text.js';
import {displayWidth, fit, fitRight} from './text-fit.js';
import {paint, type Style} from './theme.js';

/**
 * One piece of a row: its text, the cells it takes (none: what is left), its style, and blank cells
 * after it (`pad`, never painted, never eaten by a cut text's ellipsis).
 */
export type Cell = {text: string; width?: number; style?: Style; align?: 'right'; pad?: number};

/**
 * A finished row: each cell cut or padded to its width and painted, the last cell without a width
 * taking what is left, never wider than `width` cells. Job-supplied text is made printable here, so
 * no colour code or cursor move from a job reaches the screen.
 */
export function rowText(cells: readonly Cell[], width: number): string {
	let out = '';
	let used = 0;
	for (const cell of cells) {
		const room = width - used;
		if (room <= 0) {
			break;
		}

		const cellWidth = Math.min(cell.width ?? room, room);
		// A tab would move the terminal's cursor to its next stop, past the cells counted here.
		const text = printable(cell.text).replaceAll('\t', ' ');
		const fitted = cell.width === undefined && displayWidth(text) <= cellWidth
			? text
			: (cell.align === 'right' ? fitRight(text, cellWidth) : fit(text, cellWidth));
		out += paint(fitted, cell.style);
		used += cell.width === undefined ? displayWidth(fitted) : cellWidth;
		const pad = Math.min(cell.pad ?? 0, width - used);
		if (pad > 0) {
			out += ' '.repeat(pad);
			used += pad;
		}
	}

	return out;
}

/** A row of one style: the whole text cut to `width`. */
export function plainRow(text: string, width: number, style?: Style): string {
	return rowText([{text, style}], width);
}

/** `text` with every occurrence of `term` (any case) painted as a search match. */
export function markMatches(text: string, term: string, base: Style | undefined, match: Style): string {
	if (!term) {
		return paint(text, base);
	}

	const lower = text.toLowerCase();
	const needle = term.toLowerCase();
	let out = '';
	let from = 0;
	for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, from)) {
		out += paint(text.slice(from, at), base) + paint(text.slice(at, at + needle.length), match);
		from = at + needle.length;
	}

	return out + paint(text.slice(from), base);
}
