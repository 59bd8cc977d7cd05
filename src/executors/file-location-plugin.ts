import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import type {Loader, Plugin} from 'esbuild';
import {importMetaLocationReads} from './import-meta-reads.js';

const loaders: Record<string, Loader> = {'.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'tsx', '.js': 'js', '.mjs': 'js', '.cjs': 'js', '.jsx': 'jsx'};
/** Files that may name `import.meta` at all; which of them really read it is the parser's to say. */
const mayUseImportMeta = /\bimport\s*\.\s*meta\b/;

/**
 * Each file of a job's bundle keeps its own `import.meta.url`, `.dirname` and `.filename`: bundled into
 * data/cache/jobs/, a helper in jobs/lib/ would otherwise get the bundle's place (or, defined for the
 * whole bundle, the job's). Each such `import.meta`, where esbuild's parser finds it (not the same words
 * in a string or a comment: import-meta-reads.ts), becomes a call of the same length (`__m000001()`),
 * so no line or column of the file moves for stack traces, of a function appended at its end (hoisted,
 * so top-level code may call it) that gives the file's own location.
 */
export function fileLocationPlugin(): Plugin {
	let files = 0;
	return {
		name: 'sage-file-location',
		setup(build) {
			build.onLoad({filter: /\.[cm]?[jt]sx?$/}, async ({path: file}) => {
				const loader = loaders[path.extname(file)];
				if (!loader || file.split(path.sep).includes('node_modules')) {
					return undefined;
				}

				const text = await readFile(file, 'utf8');
				const reads = mayUseImportMeta.test(text) ? await importMetaLocationReads(build.esbuild, text, loader) : [];
				if (reads.length === 0) {
					return undefined;
				}

				const name = `__m${String(++files).padStart(6, '0')}`;
				const location = JSON.stringify({url: pathToFileURL(file).href, dirname: path.dirname(file), filename: file});
				let contents = '';
				let from = 0;
				for (const offset of reads) {
					contents += `${text.slice(from, offset)}${name}()`;
					from = offset + 'import.meta'.length;
				}

				return {contents: `${contents}${text.slice(from)}\nfunction ${name}() { return ${location}; }\n`, loader};
			});
		},
	};
}
