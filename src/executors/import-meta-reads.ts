import type {Loader, Location, PluginBuild} from 'esbuild';

/** The reads of `import.meta` a job's file gets its own answer to (file-location-plugin.ts). */
const locationReads = {'import.meta.url': '""', 'import.meta.dirname': '""', 'import.meta.filename': '""'};
const importMeta = 'import.meta';

/**
 * Where `text` reads `import.meta.url`, `.dirname` or `.filename` (`?.url` and `['url']` too): the
 * offsets of those `import.meta`s, as esbuild's parser finds them, so the same words in a string, a
 * template's text or a comment are left alone. esbuild names each `import.meta` of a file (its
 * "empty-import-meta" warning) when told the target has none; the ones it still names once those three
 * reads are defined away are the others (`import.meta.resolve`, a bare `import.meta`). The file is
 * parsed as the job's tsconfig may ask, with standard decorators (a class expression's too) and, when
 * they do not parse, with TypeScript's older ones (a parameter's). Empty when the file does not parse:
 * the build itself reports that.
 */
export async function importMetaLocationReads(esbuild: PluginBuild['esbuild'], text: string, loader: Loader): Promise<number[]> {
	// Parsed without a byte order mark: esbuild's columns of the first line count its bytes, its lineText does not.
	const bom = text.startsWith('\uFEFF') ? 1 : 0;
	const code = text.slice(bom);
	const starts = lineStarts(code);
	const places = async (define: Record<string, string>, experimentalDecorators: boolean) => {
		const {warnings} = await esbuild.transform(code, {loader, format: 'esm', supported: {'import-meta': false}, define, tsconfigRaw: {compilerOptions: {experimentalDecorators}}, logLevel: 'silent', logLimit: 0});
		return warnings.flatMap(({id, location}) => {
			const offset = id === 'empty-import-meta' && location ? offsetOf(location, starts) : undefined;
			return offset === undefined ? [] : [bom + offset];
		});
	};

	const reads = async (experimentalDecorators: boolean) => {
		const [all, others] = await Promise.all([places({}, experimentalDecorators), places(locationReads, experimentalDecorators)]);
		const other = new Set(others);
		return all.filter(offset => !other.has(offset) && text.startsWith(importMeta, offset)).sort((a, b) => a - b);
	};

	try {
		return await reads(false);
	} catch {
		try {
			return await reads(true);
		} catch {
			return [];
		}
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
