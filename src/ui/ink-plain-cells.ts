/**
 * Styled cells of a line in colour whose every character stands alone, made without Ink's grapheme
 * segmenter. Ink's tokenizer (`@alcalzone/ansi-tokenize`) walks every line with Intl.Segmenter, a few
 * hundred nanoseconds a character, to find characters that join (combining marks, emoji sequences,
 * Hangul jamo). The console's rows are mostly printable ASCII, CJK ideographs, full-width forms and the
 * theme's symbols (· … ─ █ ▶ ● ✓ ✗ ⏸): characters that never join their neighbours, one grapheme each.
 * Such a line is cut into its colour codes and its characters: the codes go through Ink's own
 * tokenizer (read exactly as Ink reads them), each character becomes one cell whose width Ink's
 * tokenizer gave it (asked once per character), and its styles are the codes before it reduced with
 * Ink's own `reduceAnsiCodesIncremental`, as Ink's `styledCharsFromTokens` does. Unlike Ink, the cells
 * between two colour codes share one styles array (Ink copies it per cell): the array is never changed
 * by Ink or by ink-screen-rows.ts, and a row is turned back into text a style run at a time by checking
 * that its cells' styles are the same array. Any other line (other scripts, emoji, links, control
 * characters) is left to Ink: `plainCells` answers undefined.
 */

import {BoundedMemo} from './bounded-memo.js';

type AnsiToken = {type: 'ansi'; code: string; endCode: string};
type Token = AnsiToken | {type: 'char'; value: string; fullWidth: boolean};
type Cell = {type: 'char'; value: string; fullWidth: boolean; styles: readonly AnsiToken[]};

export type Tokenizer = {
	tokenize(text: string): Token[];
	reduceAnsiCodesIncremental(codes: readonly AnsiToken[], newCodes: readonly AnsiToken[]): AnsiToken[];
};

/**
 * Printable ASCII; middle dot; general punctuation (‐ to ‧); arrows; technical symbols; box drawing,
 * blocks, geometric shapes, miscellaneous symbols and dingbats; CJK ideographs; full-width forms; and
 * SGR colour codes. None of these characters is a combining mark, a joiner, a variation selector, a
 * regional indicator or a Hangul jamo, so none joins another into one grapheme.
 */
const plainAndColour = /^(?:[\u0020-\u007E\u00B7\u2010-\u2027\u2190-\u21FF\u2300-\u23FF\u2500-\u27BF\u4E00-\u9FFF\uFF01-\uFF60]|\u001B\[[\d;]*m)*$/;
const pieces = /\u001B\[[\d;]*m|[^\u001B]+/g;

/** Cuts lines for one Ink tokenizer, remembering each non-ASCII character's width as that tokenizer gives it. */
export function plainCellsMaker(tokenizer: Tokenizer): (line: string) => Cell[] | undefined {
	const fullWidth = new BoundedMemo<boolean>(4096);
	// The theme's few colour codes, each read by Ink's tokenizer once (bounded: codes are not made up by jobs, whose text is made printable, but a bound costs nothing).
	const codeTokens = new BoundedMemo<Token[]>(256);
	const tokenize = (text: string) => tokenizer.tokenize(text);
	const tokenizedWide = (char: string) => {
		const [token] = tokenizer.tokenize(char);
		return token?.type === 'char' && token.fullWidth;
	};

	const tokensOf = (code: string) => codeTokens.get(code, tokenize);
	const isFullWidth = (char: string) => fullWidth.get(char, tokenizedWide);

	return line => {
		if (!plainAndColour.test(line)) {
			return undefined;
		}

		const cells: Cell[] = [];
		let styles: readonly AnsiToken[] = [];
		for (const [piece] of line.matchAll(pieces)) {
			if (piece.codePointAt(0) === 0x1B) {
				for (const token of tokensOf(piece)) {
					if (token.type === 'ansi') {
						styles = tokenizer.reduceAnsiCodesIncremental(styles, [token]);
					}
				}

				continue;
			}

			for (const value of piece) {
				cells.push({type: 'char', value, fullWidth: value < '\u0080' ? false : isFullWidth(value), styles});
			}
		}

		return cells;
	};
}
