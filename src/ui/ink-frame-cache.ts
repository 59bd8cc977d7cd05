import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {pathToFileURL} from 'node:url';

/** The per-frame caches of Ink 6's Output: every line it writes is turned into styled cells through them. */
type OutputCaches = {
	getStyledChars(line: string): unknown;
	getStringWidth(text: string): number;
	getWidestLine(text: string): number;
};

type OutputInstance = {caches: OutputCaches};
type OutputClass = {prototype: {get(this: OutputInstance): unknown}};

/** The Ink this cache was written against and checked on (test/ui/ink-frame-cache.test.ts). */
export const inkVersionChecked = '6.8.0';

/**
 * What one frame learnt, kept for the next: a line or text seen in the last frame is not worked out
 * again. Bounded to two frames' worth: what the last frame did not use is dropped.
 */
export function framesMemory() {
	let styled = new Map<string, unknown>();
	let styledBefore = new Map<string, unknown>();
	let widths = new Map<string, number>();
	let widthsBefore = new Map<string, number>();
	const remembered = <T>(now: Map<string, T>, before: Map<string, T>, key: string, work: () => T): T => {
		let value = now.get(key);
		if (value === undefined) {
			value = before.get(key) ?? work();
			now.set(key, value);
		}

		return value;
	};

	return {
		/** Caches for one frame: what the last frame knew, else Ink's own (`frame`). */
		caches(frame: OutputCaches): OutputCaches {
			return {
				getStyledChars: line => remembered(styled, styledBefore, line, () => frame.getStyledChars(line)),
				getStringWidth: text => remembered(widths, widthsBefore, text, () => frame.getStringWidth(text)),
				getWidestLine: text => frame.getWidestLine(text),
			};
		},
		endFrame() {
			styledBefore = styled;
			styled = new Map();
			widthsBefore = widths;
			widths = new Map();
		},
		/** Entries kept now (for tests). */
		size: () => styled.size + styledBefore.size,
	};
}

/**
 * Ink 6 draws each frame through a new `Output` whose caches live for that frame only, so every row
 * on the screen is tokenised into styled cells again at every frame (Intl.Segmenter per character):
 * about two thirds of the console's CPU with jobs running, and most of the time a key waits for its
 * frame. Ink offers no option for this, so the console gives Ink's Output caches kept from one frame
 * to the next (an unchanged row, or a log line that scrolled up, costs a map lookup). The class is
 * private to Ink: it is reached by its file next to Ink's entry, only on the Ink version checked, and
 * left alone (the console just draws slower) when anything about it differs.
 * @returns why the cache was not installed, or undefined when it was
 */
export async function keepInkCachesAcrossFrames(): Promise<string | undefined> {
	let entry: string;
	try {
		entry = createRequire(import.meta.url).resolve('ink');
	} catch (error) {
		return `Ink's entry was not found: ${(error as Error).message}`;
	}

	const folder = path.dirname(entry);
	const version = (JSON.parse(readFileSync(path.join(folder, '../package.json'), 'utf8')) as {version?: string}).version;
	if (version !== inkVersionChecked) {
		return `Ink ${version ?? '(unknown version)'} is not the version the frame cache was checked on (${inkVersionChecked})`;
	}

	const {default: Output} = await import(pathToFileURL(path.join(folder, 'output.js')).href) as {default: OutputClass};
	return installOn(Output);
}

const installed = new WeakSet<object>();

function installOn(Output: OutputClass): string | undefined {
	const inkGet = Output.prototype.get;
	if (typeof inkGet !== 'function') {
		return 'Ink\'s Output has no get()';
	}

	if (installed.has(Output)) {
		return undefined;
	}

	const memory = framesMemory();
	Output.prototype.get = function (this: OutputInstance) {
		const own = this.caches;
		if (typeof own?.getStyledChars !== 'function' || typeof own.getStringWidth !== 'function' || typeof own.getWidestLine !== 'function') {
			return inkGet.call(this);
		}

		this.caches = memory.caches(own);
		try {
			return inkGet.call(this);
		} finally {
			memory.endFrame();
		}
	};

	installed.add(Output);
	return undefined;
}
