import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import type {Loader, Plugin} from 'esbuild';

const loaders: Record<string, Loader> = {'.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'tsx', '.js': 'js', '.mjs': 'js', '.cjs': 'js', '.jsx': 'jsx'};
/** `import.meta` where `.url`, `.dirname` or `.filename` is read from it. */
const locationUse = /\bimport\.meta(?=\s*\.\s*(?:url|dirname|filename)\b)/g;

/**
 * Each file of a job's bundle keeps its own `import.meta.url`, `.dirname` and `.filename`: bundled into
 * data/cache/jobs/, a helper in jobs/lib/ would otherwise get the bundle's place (or, defined for the
 * whole bundle, the job's). Each such `import.meta` becomes a call of the same length (`__m000001()`),
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
				if (!text.match(locationUse)) {
					return undefined;
				}

				const name = `__m${String(++files).padStart(6, '0')}`;
				const location = JSON.stringify({url: pathToFileURL(file).href, dirname: path.dirname(file), filename: file});
				return {contents: `${text.replace(locationUse, `${name}()`)}\nfunction ${name}() { return ${location}; }\n`, loader};
			});
		},
	};
}
