import type {Loader, Location, PluginBuild} from 'esbuild';

/** The reads of `import.meta` a job's file gets its own answer to (file-location-plugin.ts). */
const locationReads = {'import.meta.url': '""', 'import.meta.dirname': '""', 'import.meta.filename': '""'};
const importMeta = 'import.meta';

/**
 * Where `text` reads `import.meta.url`, `.dirname` or `.filename` (`?.url` and `['url']` too): the
 * offsets of those `import.meta`s, as esbuild's parser finds them, so the same words in a string, a
 * template's text or a comment are left alone. esbuild names each `import.meta` of a file (its
 * "empty-import-meta" warning) when told the target has none; the ones it still names once those three
 * reads are defined away are the others (`import.meta.resolve`, a bare `import.meta`). Empty when the
 * file does not parse: the build itself reports that.
 */
export async function importMetaLocationReads(esbuild: PluginBuild['esbuild'], text: string, loader: Loader): Promise<number[]> {
	const starts = lineStarts(text);
	const places = async (define: Record<string, string>) => {
		// Only parsed, never run: TypeScript's older decorators are accepted (a parameter's too), whatever the job's tsconfig says.
		const {warnings} = await esbuild.transform(text, {loader, format: 'esm', supported: {'import-meta': false}, define, tsconfigRaw: {compilerOptions: {experimentalDecorators: true}}, logLevel: 'silent', logLimit: 0});
		return warnings.flatMap(({id, location}) => {
			const offset = id === 'empty-import-meta' && location ? offsetOf(location, starts) : undefined;
			return offset === undefined ? [] : [offset];
		});
	};

	try {
		const [all, others] = await Promise.all([places({}), places(locationReads)]);
		const other = new Set(others);
		return all.filter(offset => !other.has(offset) && text.startsWith(importMeta, offset)).sort((a, b) => a - b);
	} catch {
		return [];
	}
}

/** Where each line begins, breaking lines where esbuild's locations do. */
function lineStarts(text: string): number[] {
	const starts = [0];
	for (let index = 0; index < text.length; index++) {
		const char = text[index];
		if (char === '\n' || char === '\u2028' || char === '\u2029' || (char === '\r' && text[index + 1] !== '\n')) {
			starts.push(index + 1);
		}
	}

	return starts;
}

/** A location's offset in the text: esbuild counts lines from 1 and columns in UTF-8 bytes. */
function offsetOf(location: Location, starts: number[]): number | undefined {
	const start = starts[location.line - 1];
	return start === undefined ? undefined : start + Buffer.from(location.lineText).subarray(0, location.column).toString('utf8').length;
}
