// sage-console's build/output.js for Ink 6.8, installed by scripts/patch-ink.mjs (Ink's own file is kept
// beside it as output.original.js, and test/ui/ink-output.test.ts checks that both draw the same).
//
// Ink turns every frame into a grid of styled cells and the grid back into ANSI text, cell by cell, for
// the whole screen: 9.5 ms of a 12 ms frame at 120x40, though most rows are the same as last frame's.
// A row's text depends only on the screen width and the pieces written into it (column and text, in
// order), so this Output keys each row on those and builds only the rows it has not built before.
// Every cache here is bounded: cleared when it reaches `maxEntries`, many frames' worth.
import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';
import {ansiCodesToString, diffAnsiCodes, reduceAnsiCodesIncremental, styledCharsFromTokens, styledCharsToString, tokenize} from '@alcalzone/ansi-tokenize';

const maxEntries = 2000; /* sage-console: row-cached output */

function boundedCache(compute) {
	let entries = new Map();
	return key => {
		let value = entries.get(key);
		if (value === undefined) {
			if (entries.size >= maxEntries) {
				entries = new Map();
			}

			value = compute(key);
			entries.set(key, value);
		}

		return value;
	};
}

const widthOf = boundedCache(text => lineWidth(text));
const widestLineOf = boundedCache(text => widestLine(text));

/** A line's styled characters and the columns each takes (at least one, as Ink counts them). */
function cellsFor(text) {
	const characters = styledCharsFromTokens(tokenize(text));
	return {characters, widths: characters.map(character => Math.max(1, widthOf(character.value)))};
}

/** The same, cached for rows drawn cell by cell (pieces that overlap), which are rare. */
const cellsOf = boundedCache(cellsFor);

/**
 * A line as Ink places it: the columns it takes, and its text as Ink would write it alone without the
 * styles it opens with or closes at its end, so lines can be joined as Ink joins their cells.
 */
const lineOf = boundedCache(text => plainLine(text) ?? lineFromCells(cellsFor(text)));

function lineFromCells({characters, widths}) {
	let body = '';
	for (let index = 0; index < characters.length; index++) {
		if (index > 0) {
			body += codesFor(characters[index - 1].styles, characters[index].styles);
		}

		body += characters[index].value;
	}

	return {span: widths.reduce((sum, width) => sum + width, 0), body, first: characters[0]?.styles, last: characters.at(-1)?.styles};
}

const printableAscii = /^[\x20-\x7E]*$/;
/**
 * Characters that may join their neighbours into one grapheme (marks, joiners, variation selectors,
 * conjoining jamo, regional indicators, emoji modifiers, tags, spacing signs) or are controls: a line
 * holding any of them is split into graphemes by Ink's own tokenizer instead.
 */
// The letters among them are Unicode's prepended concatenation letters (Grapheme_Cluster_Break=Prepend
// outside the format characters), which take the character after them into their grapheme.
const joiningOrControl = /[\p{M}\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF\u0E33\u0EB3\u0D4E\u{111C2}\u{111C3}\u{1193F}\u{11941}\u{11A3A}\u{11A84}-\u{11A89}\u{11D46}\u{11F02}\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}\u{E0000}-\u{E007F}]/u;
const characterWidth = boundedCache(character => stringWidth(character));

/**
 * The columns of a line as string-width counts them. Where every character is a grapheme of its own
 * (no joining characters, no controls or colour codes), that is the sum of the characters' widths,
 * each counted once and cached: string-width's grapheme segmenter, on every new line of text Ink lays
 * out, was a tenth of what the console allocated.
 */
export function lineWidth(line) {
	if (printableAscii.test(line)) {
		return line.length;
	}

	if (line.includes('\u001B')) {
		// Colour codes take no columns: measure the text between them, unless other escapes remain.
		const withoutColours = line.replaceAll(colourCode, '');
		return withoutColours.includes('\u001B') ? stringWidth(line) : lineWidth(withoutColours);
	}

	if (joiningOrControl.test(line)) {
		return stringWidth(line);
	}

	let width = 0;
	for (const character of line) {
		width += characterWidth(character);
	}

	return width;
}

/** The width of a text's widest line (Ink's measure-text uses this in place of widest-line). */
export function widestLine(text) {
	let widest = 0;
	for (const line of text.split('\n')) {
		widest = Math.max(widest, lineWidth(line));
	}

	return widest;
}
const colourCode = /\u001B\[\d+(?:;\d+)*m/g;
// The same, for plainLine's walk through a line's codes alone (a global pattern keeps its place).
const nextColourCode = new RegExp(colourCode.source, 'g');

/** Columns a run of single-character graphemes takes, as Ink counts them (at least one each). */
function runSpan(run) {
	if (printableAscii.test(run)) {
		return run.length;
	}

	let span = 0;
	for (const character of run) {
		span += Math.max(1, characterWidth(character));
	}

	return span;
}

/**
 * The same for a line of colour codes and text in which every character is a grapheme of its own (a
 * log row, a bar of block glyphs, CJK names), without splitting it into cell objects: a run between
 * codes shares one style. Undefined for any other line.
 */
function plainLine(text) {
	let styles = noStyles;
	let first;
	let last;
	let body = '';
	let span = 0;
	let runStart = 0;
	// The text from runStart to `end`, in the current style; false if it holds anything but single-character graphemes.
	const addRun = end => {
		const run = text.slice(runStart, end);
		if (run.length === 0) {
			return true;
		}

		if (run.includes('\u001B') || joiningOrControl.test(run)) {
			return false;
		}

		if (first === undefined) {
			first = styles;
		} else {
			body += codesBetween(last, styles);
		}

		body += run;
		span += runSpan(run);
		last = styles;
		return true;
	};

	if (text.includes('\u001B')) {
		nextColourCode.lastIndex = 0;
		for (let match = nextColourCode.exec(text); match !== null; match = nextColourCode.exec(text)) {
			if (!addRun(match.index)) {
				return undefined;
			}

			styles = styleAfter(styles, match[0]);
			if (styles === undefined) {
				return undefined;
			}

			runStart = match.index + match[0].length;
		}
	}

	return addRun(text.length) ? {span, body, first, last} : undefined;
}

const noStyles = Object.freeze([]);

/**
 * Styles (the codes in force, reduced as Ink reduces them) are interned: one frozen array per distinct
 * list, so the style a colour code leads to and the codes between two styles are worked out once per
 * pair, then looked up. Working them out for every run of every new line was most of what a coloured
 * frame allocated.
 */
let internedStyles = new Map([['', noStyles]]);

function intern(styles) {
	const key = styles.map(code => code.code).join('');
	let interned = internedStyles.get(key);
	if (interned === undefined) {
		if (internedStyles.size >= maxEntries) {
			internedStyles = new Map([['', noStyles]]);
		}

		interned = Object.freeze(styles);
		internedStyles.set(key, interned);
	}

	return interned;
}

/** Per style, a bounded map from what follows it (a colour code, or another style) to the result. */
function perStyle() {
	const byStyle = new WeakMap();
	return (styles, next, compute) => {
		let results = byStyle.get(styles);
		if (results === undefined || results.size >= maxEntries) {
			results = new Map();
			byStyle.set(styles, results);
		}

		let result = results.get(next);
		if (result === undefined) {
			result = compute();
			results.set(next, result);
		}

		return result;
	};
}

const afterCode = perStyle();

/** The style after a colour code (`null` is kept for a code that is not only ANSI codes); undefined for such a code. */
function styleAfter(styles, code) {
	const after = afterCode(styles, code, () => {
		const tokens = tokenize(code);
		return tokens.some(token => token.type !== 'ansi') ? null : intern(reduceAnsiCodesIncremental(styles, tokens));
	});
	return after ?? undefined;
}

const between = perStyle();

/** The codes that take text from one style to another. */
function codesFor(from, to) {
	return from.length === 0 && to.length === 0 ? '' : ansiCodesToString(diffAnsiCodes(from, to));
}

/** The same, looked up: for styles that recur (interned ones, and those of lines kept in the caches). */
function codesBetween(from, to) {
	return from.length === 0 && to.length === 0 ? '' : between(from, to, () => codesFor(from, to));
}

/**
 * A row whose pieces sit side by side within the screen, joined as whole lines: the same text Ink's
 * cell-by-cell pass makes. Undefined when pieces overlap or reach outside the row.
 */
function joinRow(width, pieces) {
	let text = '';
	let column = 0;
	let styles = noStyles;
	for (let piece = 0; piece < pieces.length; piece += 2) {
		const x = pieces[piece];
		const line = lineOf(pieces[piece + 1]);
		if (line.span === 0) {
			continue;
		}

		if (!Number.isInteger(x) || x < column || x + line.span > width) {
			return undefined;
		}

		if (x > column) {
			text += codesBetween(styles, noStyles) + ' '.repeat(x - column);
			styles = noStyles;
		}

		text += codesBetween(styles, line.first) + line.body;
		styles = line.last;
		column = x + line.span;
	}

	return (text + codesBetween(styles, noStyles)).trimEnd();
}

const blank = Object.freeze({type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([])});

/** The text of one row, cell by cell as Ink draws it: `pieces` is [x, line, x, line, …] in the order written. */
function drawRow(width, pieces) {
	const row = Array.from({length: width}, () => blank);
	for (let piece = 0; piece < pieces.length; piece += 2) {
		const {characters, widths} = cellsOf(pieces[piece + 1]);
		let offsetX = pieces[piece];
		for (let index = 0; index < characters.length; index++) {
			const character = characters[index];
			const characterWidth = widths[index];
			row[offsetX] = character;
			// A wide character covers the cells after it.
			for (let covered = 1; covered < characterWidth; covered++) {
				row[offsetX + covered] = {type: 'char', value: '', fullWidth: false, styles: character.styles};
			}

			offsetX += characterWidth;
		}
	}

	return styledCharsToString(row.filter(item => item !== undefined)).trimEnd();
}

let rowTexts = new Map();

/** A row's text, drawn only the first time its width and pieces are seen. */
function rowText(width, pieces) {
	// Lengths make the key unambiguous whatever the text holds.
	let key = `${width}`;
	for (let piece = 0; piece < pieces.length; piece += 2) {
		key += `|${pieces[piece]}:${pieces[piece + 1].length}:${pieces[piece + 1]}`;
	}

	let text = rowTexts.get(key);
	if (text === undefined) {
		if (rowTexts.size >= maxEntries) {
			rowTexts = new Map();
		}

		text = joinRow(width, pieces) ?? drawRow(width, pieces);
		rowTexts.set(key, text);
	}

	return text;
}

export default class Output {
	width;
	height;
	operations = [];
	constructor(options) {
		const {width, height} = options;
		this.width = width;
		this.height = height;
	}

	write(x, y, text, options) {
		const {transformers} = options;
		if (!text) {
			return;
		}

		this.operations.push({type: 'write', x, y, text, transformers});
	}

	clip(clip) {
		this.operations.push({type: 'clip', clip});
	}

	unclip() {
		this.operations.push({type: 'unclip'});
	}

	get() {
		// What each row holds, as Ink's own Output would place it (clipping, transformers and its quirks included).
		const rows = Array.from({length: this.height}, () => []);
		const clips = [];
		for (const operation of this.operations) {
			if (operation.type === 'clip') {
				clips.push(operation.clip);
			}

			if (operation.type === 'unclip') {
				clips.pop();
			}

			if (operation.type !== 'write') {
				continue;
			}

			const {text, transformers} = operation;
			let {x, y} = operation;
			let lines = text.split('\n');
			const clip = clips.at(-1);
			if (clip) {
				const clipHorizontally = typeof clip?.x1 === 'number' && typeof clip?.x2 === 'number';
				const clipVertically = typeof clip?.y1 === 'number' && typeof clip?.y2 === 'number';
				if (clipHorizontally) {
					const width = widestLineOf(text);
					if (x + width < clip.x1 || x > clip.x2) {
						continue;
					}
				}

				if (clipVertically) {
					const height = lines.length;
					if (y + height < clip.y1 || y > clip.y2) {
						continue;
					}
				}

				if (clipHorizontally) {
					lines = lines.map(line => {
						const from = x < clip.x1 ? clip.x1 - x : 0;
						const width = widthOf(line);
						const to = x + width > clip.x2 ? clip.x2 - x : width;
						return sliceAnsi(line, from, to);
					});
					if (x < clip.x1) {
						x = clip.x1;
					}
				}

				if (clipVertically) {
					const from = y < clip.y1 ? clip.y1 - y : 0;
					const height = lines.length;
					const to = y + height > clip.y2 ? clip.y2 - y : height;
					lines = lines.slice(from, to);
					if (y < clip.y1) {
						y = clip.y1;
					}
				}
			}

			let offsetY = 0;
			for (let index = 0; index < lines.length; index++) {
				const row = rows[y + offsetY];
				// As in Ink: a line outside the grid is dropped, and the lines after it with it.
				if (!row) {
					continue;
				}

				let line = lines[index];
				for (let transformer = 0; transformer < transformers.length; transformer++) {
					line = transformers[transformer](line, index);
				}

				row.push(x, line);
				offsetY++;
			}
		}

		return {
			output: rows.map(pieces => (pieces.length === 0 ? '' : rowText(this.width, pieces))).join('\n'),
			height: rows.length,
		};
	}
}
