// Run after `npm ci` / `npm install` (postinstall). Ink 6.8 keeps two module-level caches that never
// shrink: the size of every distinct text it has measured, and every text it has truncated. A console
// that shows a moving log all day measures new texts every frame, so its memory grew ~1.6 MB a minute
// (measured with 17 new log rows a frame). This bounds both caches: cleared once they hold 2,000
// entries, which is many frames' worth. It also puts sage-console's build/output.js (scripts/ink/output.js:
// rows drawn once and reused while they do not change) in place of Ink's, keeping Ink's as
// output.original.js, and has Ink measure text with that file's widths. Idempotent (each edit is made
// once); fails loudly if Ink's files are not what it expects.
import {copyFileSync, readFileSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';

const marker = '/* sage-console: bounded cache */';
const maxEntries = 2000;
const inkBuild = path.dirname(createRequire(import.meta.url).resolve('ink'));

const patches = [
	{
		// Widths from sage-console's Output (scripts/ink/output.js), which counts a line of single-character
		// graphemes without string-width's grapheme segmenter.
		file: 'measure-text.js',
		edits: [
			['    cache.set(text, dimensions);', `    if (cache.size >= ${maxEntries}) { cache.clear(); } ${marker}\n    cache.set(text, dimensions);`],
			["import widestLine from 'widest-line';", "import {widestLine} from './output.js'; /* sage-console: widths */"],
		],
	},
	{
		file: 'wrap-text.js',
		edits: [
			['const cache = {};', `let cache = {}; ${marker}\nlet cacheSize = 0;`],
			['    cache[cacheKey] = wrappedText;', `    if (++cacheSize > ${maxEntries}) { cache = {}; cacheSize = 1; }\n    cache[cacheKey] = wrappedText;`],
		],
	},
	{
		// Every frame cleans the colour codes of every coloured text again (squash-text-nodes.js), though
		// most texts are the same as the frame before's: cleaned once per distinct text.
		file: 'sanitize-ansi.js',
		edits: [['export default sanitizeAnsi;', `const sanitized = new Map(); ${marker}
const sanitizeAnsiOnce = (text) => {
    let result = sanitized.get(text);
    if (result === undefined) {
        if (sanitized.size >= ${maxEntries}) { sanitized.clear(); }
        result = sanitizeAnsi(text);
        sanitized.set(text, result);
    }
    return result;
};
export default sanitizeAnsiOnce;`]],
	},
	{
		// Every frame measured every text's width again, uncached (string-width's slow path on any
		// non-ASCII text: a third of a frame); layout has just measured it, in the cache above.
		file: 'render-node-to-output.js',
		edits: [
			["import widestLine from 'widest-line';", `import measureText from './measure-text.js'; ${marker}`],
			['const currentWidth = widestLine(text);', 'const currentWidth = measureText(text).width;'],
		],
	},
];

for (const {file, edits} of patches) {
	const target = path.join(inkBuild, file);
	let text = readFileSync(target, 'utf8');
	for (const [find, replace] of edits) {
		if (text.includes(replace)) {
			continue;
		}

		if (!text.includes(find)) {
			throw new Error(`scripts/patch-ink.mjs: ${target} has changed (no "${find.trim()}"); check whether this Ink still needs the patch`);
		}

		text = text.replace(find, replace);
	}

	writeFileSync(target, text);
}

// Ink 6.8's Output, recognised by its shape, is replaced by ours; any other Output stops the install.
const output = path.join(inkBuild, 'output.js');
const ours = new URL('ink/output.js', import.meta.url);
const outputText = readFileSync(output, 'utf8');
if (outputText.includes('sage-console: row-cached output')) {
	// An earlier version of ours: Ink's own is already kept.
	copyFileSync(ours, output);
} else {
	for (const known of ['class OutputCaches', 'lineWithoutEmptyItems', 'styledCharsToString(lineWithoutEmptyItems).trimEnd()']) {
		if (!outputText.includes(known)) {
			throw new Error(`scripts/patch-ink.mjs: ${output} has changed (no "${known}"); check scripts/ink/output.js against this Ink`);
		}
	}

	writeFileSync(path.join(inkBuild, 'output.original.js'), outputText);
	copyFileSync(ours, output);
}

