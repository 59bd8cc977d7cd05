// Run after `npm ci` / `npm install` (postinstall). Ink 6.8 keeps two module-level caches that never
// shrink: the size of every distinct text it has measured, and every text it has truncated. A console
// that shows a moving log all day measures new texts every frame, so its memory grew ~1.6 MB a minute
// (measured with 17 new log rows a frame). This bounds both caches: cleared once they hold 2,000
// entries, which is many frames' worth. Idempotent; fails loudly if Ink's files are not what it expects.
import {readFileSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';

const marker = '/* sage-console: bounded cache */';
const maxEntries = 2000;
const inkBuild = path.dirname(createRequire(import.meta.url).resolve('ink'));

const patches = [
	{
		file: 'measure-text.js',
		edits: [['    cache.set(text, dimensions);', `    if (cache.size >= ${maxEntries}) { cache.clear(); } ${marker}\n    cache.set(text, dimensions);`]],
	},
	{
		file: 'wrap-text.js',
		edits: [
			['const cache = {};', `let cache = {}; ${marker}\nlet cacheSize = 0;`],
			['    cache[cacheKey] = wrappedText;', `    if (++cacheSize > ${maxEntries}) { cache = {}; cacheSize = 1; }\n    cache[cacheKey] = wrappedText;`],
		],
	},
];

for (const {file, edits} of patches) {
	const target = path.join(inkBuild, file);
	let text = readFileSync(target, 'utf8');
	if (text.includes(marker)) {
		continue;
	}

	for (const [find, replace] of edits) {
		if (!text.includes(find)) {
			throw new Error(`scripts/patch-ink.mjs: ${target} has changed (no "${find.trim()}"); check whether this Ink still needs the patch`);
		}

		text = text.replace(find, replace);
	}

	writeFileSync(target, text);
}
