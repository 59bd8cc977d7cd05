/**
 * Ink 6's `Output.get()` (build/output.js) redone row by row, so that a row written exactly as in the
 * last frame is not put together again. Ink fills a width×height grid of styled cells from the write
 * operations, then turns each row back into text with its colour codes: every cell of the screen, at
 * every frame. Here the writes are first sorted by row; a row's text is then a function of what was
 * written on it (x and line, in order), and a row seen in the last frame is taken as it was.
 *
 * The grid is filled exactly as Ink fills it (same cells, same overflow, same wide-character filler),
 * checked frame by frame against Ink's own `get()` in test/ui/ink-frame-cache.test.tsx. Clipping
 * (a Box with `overflow="hidden"`) is left to Ink: `screenText` answers undefined for it.
 */

export type Transformer = (line: string, index: number) => string;
export type Operation = {type: 'write'; x: number; y: number; text: string; transformers: Transformer[]} | {type: 'clip' | 'unclip'};
/** A cell of Ink's screen, as @alcalzone/ansi-tokenize makes it. */
export type StyledChar = {type: 'char'; value: string; fullWidth: boolean; styles: readonly unknown[]};

export type ScreenParts = {
	styledChars(line: string): StyledChar[];
	stringWidth(text: string): number;
	/** `@alcalzone/ansi-tokenize`'s, the copy Ink uses: the codes that lead from one cell's styles to the next's. */
	diffAnsiCodes(from: readonly unknown[], to: readonly unknown[]): unknown[];
	/** The same tokenizer's: codes as text. */
	ansiCodesToString(codes: readonly unknown[]): string;
	/** The row drawn for `key` in the last frame, else `draw()`. */
	row(key: string, draw: () => string): string;
};

type Write = {x: number; line: string};

const blank: StyledChar = {type: 'char', value: ' ', fullWidth: false, styles: []};

/** The screen's text and height, as Ink's `Output.get()` gives them; undefined when a write is clipped. */
export function screenText(width: number, height: number, operations: readonly Operation[], parts: ScreenParts): {output: string; height: number} | undefined {
	const writes: Write[][] = [];
	for (let y = 0; y < height; y++) {
		writes.push([]);
	}

	for (const operation of operations) {
		if (operation.type !== 'write') {
			return undefined;
		}

		const {x, y, text, transformers} = operation;
		if (!text) {
			continue;
		}

		let offsetY = 0;
		for (const [index, written] of text.split('\n').entries()) {
			// As Ink: a line below the screen (or at a row that is not one) is left out, and so are the rest.
			const row = writes[y + offsetY];
			if (!row) {
				continue;
			}

			let line = written;
			for (const transformer of transformers) {
				line = transformer(line, index);
			}

			row.push({x, line});
			offsetY++;
		}
	}

	const rows = writes.map(row => parts.row(rowKey(row), () => drawRow(width, row, parts)));
	return {output: rows.join('\n'), height};
}

function rowKey(row: readonly Write[]): string {
	if (row.length === 1) {
		return `${row[0]!.x}\u0001${row[0]!.line}`;
	}

	return row.map(({x, line}) => `${x}\u0001${line}`).join('\u0002');
}

function drawRow(width: number, row: readonly Write[], parts: ScreenParts): string {
	const cells: StyledChar[] = [];
	for (let x = 0; x < width; x++) {
		cells.push(blank);
	}

	for (const {x, line} of row) {
		let offsetX = x;
		for (const character of parts.styledChars(line)) {
			cells[offsetX] = character;
			const characterWidth = Math.max(1, parts.stringWidth(character.value));
			for (let index = 1; index < characterWidth; index++) {
				cells[offsetX + index] = {type: 'char', value: '', fullWidth: false, styles: character.styles};
			}

			offsetX += characterWidth;
		}
	}

	return cellsText(cells.filter(cell => cell !== undefined), parts).trimEnd();
}

/**
 * Ink's `styledCharsToString` (the codes from each cell's styles to the next's, then its character, and
 * at the end the codes that close what is open), but a cell whose styles are the very array of the cell
 * before (a style run of ink-plain-cells.ts, a wide character's filler) or empty like them gets no
 * codes without asking: the difference between equal styles is none. Ink works out that difference
 * for every cell of the screen.
 */
function cellsText(cells: readonly StyledChar[], parts: ScreenParts): string {
	let text = '';
	let styles: readonly unknown[] = [];
	for (let index = 0; index < cells.length; index++) {
		const cell = cells[index]!;
		if (index === 0) {
			text += parts.ansiCodesToString(cell.styles);
		} else if (cell.styles !== styles && (cell.styles.length > 0 || styles.length > 0)) {
			text += parts.ansiCodesToString(parts.diffAnsiCodes(styles, cell.styles));
		}

		text += cell.value;
		styles = cell.styles;
	}

	return cells.length > 0 ? text + parts.ansiCodesToString(parts.diffAnsiCodes(styles, [])) : text;
}
