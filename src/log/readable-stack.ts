/**
 * sage-console's own frames in a stack trace, named by the source file and line they came from. The
 * product runs from dist/bundle/ (scripts/bundle.mjs), whose chunks are named by hash: a frame reads
 * `dist/bundle/chunk-4AMUKIL4.js:812:11`, which tells an operator reporting a crash nothing. The
 * bundle's source maps (written beside each chunk, leading back to src/) are read here, only when a
 * stack is shown or logged, so the happy path pays nothing: Node's `--enable-source-maps` would read
 * every map at every start. A frame of any other file (a job's, Node's, a package's) is left as it is.
 */
import {readFileSync} from 'node:fs';
import {SourceMap, type SourceMapPayload} from 'node:module';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

/** `at name (file:///…/dist/bundle/chunk-X.js:12:5)` or `at file:///…/main.js:12:5`: the file, line and column. */
const bundleFrame = /(file:\/\/\/[^\s()]*?\/dist\/bundle\/[^\s()/]+\.js|\/[^\s()]*?\/dist\/bundle\/[^\s()/]+\.js):(\d+):(\d+)/;

/** A bundle file's map, read once (undefined: none, or not readable). */
const maps = new Map<string, SourceMap | undefined>();

function mapOf(file: string): SourceMap | undefined {
	if (!maps.has(file)) {
		try {
			maps.set(file, new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')) as SourceMapPayload));
		} catch {
			maps.set(file, undefined);
		}
	}

	return maps.get(file);
}

/** `src/host/paths.ts:12:3` (absolute) for a place in a bundle file, or undefined where its map says nothing. */
function sourcePlace(file: string, line: number, column: number): string | undefined {
	const entry = mapOf(file)?.findEntry(line - 1, column - 1);
	if (entry === undefined || !('originalSource' in entry) || typeof entry.originalSource !== 'string') {
		return undefined;
	}

	const source = entry.originalSource.startsWith('file://') ? fileURLToPath(entry.originalSource) : path.resolve(path.dirname(file), entry.originalSource);
	return `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
}

/** One line of a stack with a bundle frame named by its source; any other line as it is. */
function readableLine(line: string): string {
	const found = bundleFrame.exec(line);
	if (!found) {
		return line;
	}

	const [whole, location, lineNumber, columnNumber] = found;
	const file = location!.startsWith('file://') ? fileURLToPath(location!) : location!;
	const place = sourcePlace(file, Number(lineNumber), Number(columnNumber));
	return place === undefined ? line : line.replace(whole, place);
}

/** `stack` with each of sage-console's bundled frames named by its source file and line. */
export function readableStack(stack: string): string {
	return stack.includes('/dist/bundle/') ? stack.split('\n').map(line => readableLine(line)).join('\n') : stack;
}

/** An error's stack as `readableStack` gives it, or the value as text when it is no error. */
export function readableErrorText(error: unknown): string {
	return error instanceof Error && error.stack !== undefined ? readableStack(error.stack) : String(error);
}

/**
 * `error` itself, its stack's bundled frames named by their source, for a crash's log line: reading a
 * map costs up to ~0.1 s the first time, so this is for the paths of a crash, not every logged error.
 */
export function withReadableStack<T>(error: T): T {
	if (error instanceof Error && error.stack?.includes('/dist/bundle/')) {
		error.stack = readableStack(error.stack);
	}

	return error;
}
