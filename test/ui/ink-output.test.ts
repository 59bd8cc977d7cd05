import {createRequire} from 'node:module';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';

// scripts/patch-ink.mjs puts sage-console's Output (scripts/ink/output.js) in Ink's place and keeps Ink's
// own as output.original.js: both must draw every frame identically, byte for byte.
type Transformer = (line: string, index: number) => string;
type Operation =
	| {type: 'write'; x: number; y: number; text: string; transformers: Transformer[]}
	| {type: 'clip'; clip: {x1?: number; x2?: number; y1?: number; y2?: number}}
	| {type: 'unclip'};
type OutputClass = new (options: {width: number; height: number}) => {
	write(x: number, y: number, text: string, options: {transformers: Transformer[]}): void;
	clip(clip: Record<string, number | undefined>): void;
	unclip(): void;
	get(): {output: string; height: number};
};

const inkBuild = path.dirname(createRequire(import.meta.url).resolve('ink'));
const load = async (file: string) => ((await import(pathToFileURL(path.join(inkBuild, file)).href)) as {default: OutputClass}).default;

function draw(Output: OutputClass, width: number, height: number, operations: Operation[]): {output: string; height: number} {
	const output = new Output({width, height});
	for (const operation of operations) {
		if (operation.type === 'write') {
			output.write(operation.x, operation.y, operation.text, {transformers: operation.transformers});
		} else if (operation.type === 'clip') {
			output.clip(operation.clip);
		} else {
			output.unclip();
		}
	}

	return output.get();
}

// What consoles write: words, wide and combining characters, box and bar glyphs, colours, links, tabs.
const fragment = fc.constantFrom(
	'quote', 'tick 42', ' ', '  ', '600519.SH', '│', '─', '█', '░', '✓', '✗', '·', '▶', '■', '股票', '😀', 'e\u0301', '\t',
	'한', '\u1100\u1161', '🇨🇳', '👨\u200D👩\u200D👧', '👍🏽', 'ก\u0E33', '\u00AD', '❤\uFE0F', '\u00A0', '\u3000', 'é', '½', '\u200B', 'ｱ', '\u0600', '𝔸',
	'\u001B[31m', '\u001B[39m', '\u001B[1m', '\u001B[22m', '\u001B[2m', '\u001B[0m', '\u001B[4m', '\u001B[24m', '\u001B[7m', '\u001B[27m',
	'\u001B[38;5;208m', '\u001B[48;2;10;20;30m', '\u001B[49m', '\u001B[90m', '\u001B[1;31m',
	'\u001B]8;;https://example.test\u0007', '\u001B]8;;\u0007', '\u001B', '\u001B[m',
	// Prepended concatenation letters and an Indic conjunct: graphemes of more than one character.
	'\u0D4Eക', '\u{111C2}\u{11183}', '\u{11A84}\u{11A5C}', 'क्ष', '⏸', '◆', '…',
);
const line = fc.array(fragment, {maxLength: 8}).map(parts => parts.join(''));
const transformers: Transformer[] = [
	text => text.toUpperCase(),
	text => `\u001B[32m${text}\u001B[39m`,
	(text, index) => (index % 2 === 0 ? text : `>${text}`),
	text => `\u001B[2m${text}\u001B[22m`,
];

function operations(width: number, height: number): fc.Arbitrary<Operation[]> {
	const write = fc.record({
		type: fc.constant('write' as const),
		x: fc.integer({min: -3, max: width + 3}),
		y: fc.integer({min: -2, max: height + 2}),
		text: fc.array(line, {minLength: 1, maxLength: 3}).map(lines => lines.join('\n')),
		transformers: fc.subarray(transformers),
	});
	const bound = (max: number) => fc.option(fc.integer({min: -1, max: max + 1}), {nil: undefined});
	const clip = fc.record({type: fc.constant('clip' as const), clip: fc.record({x1: bound(width), x2: bound(width), y1: bound(height), y2: bound(height)})});
	const unclip = fc.constant({type: 'unclip' as const});
	return fc.array(fc.oneof({weight: 6, arbitrary: write}, {weight: 1, arbitrary: clip}, {weight: 1, arbitrary: unclip}), {maxLength: 14});
}

const frame = fc.record({width: fc.integer({min: 1, max: 24}), height: fc.integer({min: 1, max: 6})})
	.chain(({width, height}) => operations(width, height).map(ops => ({width, height, ops})));

describe('the console\'s frames (scripts/ink/output.js)', () => {
	it('are the text Ink\'s own Output makes, byte for byte, first time and from its caches', async () => {
		const ours = await load('output.js');
		const inks = await load('output.original.js');
		expect(ours).not.toBe(inks);
		fc.assert(fc.property(frame, ({width, height, ops}) => {
			const expected = draw(inks, width, height, ops);
			expect(draw(ours, width, height, ops)).toEqual(expected);
			expect(draw(ours, width, height, ops)).toEqual(expected);
		}), {numRuns: 3000});
	});

	it('measure every line\'s width as string-width does (Ink lays text out with these widths)', async () => {
		const {lineWidth, widestLine} = await import(pathToFileURL(path.join(inkBuild, 'output.js')).href) as {lineWidth(line: string): number; widestLine(text: string): number};
		const {default: stringWidth} = await import('string-width');
		const {default: inksWidestLine} = await import('widest-line');
		const anyText = fc.oneof(line, fc.string({unit: 'binary', maxLength: 12}), fc.string({unit: 'grapheme', maxLength: 12}));
		fc.assert(fc.property(fc.array(anyText, {minLength: 1, maxLength: 3}), texts => {
			for (const text of texts) {
				expect(lineWidth(text)).toBe(stringWidth(text));
			}

			expect(widestLine(texts.join('\n'))).toBe(inksWidestLine(texts.join('\n')));
		}), {numRuns: 5000});
	});
});
