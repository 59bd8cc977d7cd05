import {charWidth, displayWidth, printableAscii} from '../core/display-width.js';

export {displayWidth} from '../core/display-width.js';

/** Cuts or pads text to exactly `width` terminal cells, ending a cut with `…`. */
export function fit(text: string, width: number): string {
	if (width <= 0) {
		return '';
	}

	const flat = text.includes('\n') || text.includes('\t') || text.includes('\r') ? text.replaceAll(/[\r\n\t]+/g, ' ') : text;
	if (printableAscii.test(flat)) {
		return flat.length <= width ? flat.padEnd(width) : `${flat.slice(0, width - 1)}…`;
	}

	let out = '';
	let used = 0;
	for (const char of flat) {
		const cells = charWidth(char);
		if (used + cells > width) {
			// Too long: back off to leave room for the ellipsis.
			while (used > width - 1) {
				const last = [...out].at(-1) ?? '';
				out = out.slice(0, out.length - last.length);
				used -= charWidth(last);
			}

			return `${out}…${' '.repeat(Math.max(0, width - used - 1))}`;
		}

		out += char;
		used += cells;
	}

	return out + ' '.repeat(width - used);
}

/**
 * Cuts text to at most `width` cells without padding: for the last column of a row, where padding
 * would only add cells for Ink to lay out and diff on every frame.
 */
export function clip(text: string, width: number): string {
	return fit(text, width).trimEnd();
}

/** Right-aligns text in `width` cells (cut from the left when too long). */
export function fitRight(text: string, width: number): string {
	const cells = displayWidth(text);
	return cells >= width ? fit(text, width) : ' '.repeat(width - cells) + text;
}

/**
 * Breaks text into lines of at most `width` cells: at spaces where it can, inside a word only when the
 * word is longer than a line; continuation lines start with `indent`. For the detail view, which wraps
 * rather than cuts (a stack frame's path is usually the longest thing on the screen).
 */
export function wrapLine(text: string, width: number, indent = ''): string[] {
	const flat = text.replaceAll('\t', '    ').replaceAll(/[\r\n]+/g, ' ');
	if (width <= 0) {
		return [''];
	}

	if (displayWidth(flat) <= width) {
		return [flat];
	}

	const lead = displayWidth(indent) < width / 2 ? indent : '';
	const lines: string[] = [];
	let line = '';
	let used = 0;
	const newLine = () => {
		lines.push(line.trimEnd());
		line = lead;
		used = displayWidth(lead);
	};

	for (const word of flat.split(/( +)/)) {
		const cells = displayWidth(word);
		if (used + cells <= width) {
			line += word;
			used += cells;
		} else if (word.startsWith(' ')) {
			newLine();
		} else if (cells <= width - displayWidth(lead)) {
			newLine();
			line += word;
			used += cells;
		} else {
			for (const char of word) {
				const charCells = charWidth(char);
				if (used + charCells > width) {
					newLine();
				}

				line += char;
				used += charCells;
			}
		}
	}

	if (line.trim() !== '') {
		lines.push(line);
	}

	return lines;
}

/**
 * Facts on one line, `gap` apart (`run 9   schedule, attempt 1   trade date 2026-12-04`), wrapped as
 * wrapLine wraps but between facts where it can: a fact that does not fit moves whole to the next line,
 * so no fact reads torn in two (`trade` at a line's end, `date 2026-12-04` under it); only a fact longer
 * than a line is broken inside, at its spaces.
 */
export function wrapFacts(facts: readonly string[], width: number, indent = '', gap = '   '): string[] {
	const whole = facts.join(gap);
	if (width <= 0 || displayWidth(whole) <= width) {
		return wrapLine(whole, width, indent);
	}

	const lead = displayWidth(indent) < width / 2 ? indent : '';
	const lines: string[] = [];
	let line = '';
	for (const fact of facts) {
		const joined = line === '' ? fact : `${line}${gap}${fact}`;
		if (displayWidth(joined) <= width) {
			line = joined;
			continue;
		}

		if (line !== '') {
			lines.push(line);
		}

		const parts = wrapLine(`${lines.length > 0 ? lead : ''}${fact}`, width, lead);
		lines.push(...parts.slice(0, -1));
		line = parts.at(-1) ?? '';
	}

	if (line.trim() !== '') {
		lines.push(line);
	}

	return lines;
}
