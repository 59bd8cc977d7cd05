import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {BoundedMemo} from './bounded-memo.js';
import {plainCellsMaker, type Tokenizer} from './ink-plain-cells.js';
import {screenText, type Operation, type ScreenParts, type StyledChar} from './ink-screen-rows.js';

/** The per-frame caches of Ink 6's Output: every line it writes is turned into styled cells through them. */
type OutputCaches = {
	getStyledChars(line: string): unknown;
	getStringWidth(text: string): number;
	getWidestLine(text: string): number;
};

type OutputInstance = {width: number; height: number; operations: Operation[]; caches: OutputCaches};
type OutputClass = {prototype: {get(this: OutputInstance): {output: string; height: number}}};

/** The Ink this cache was written against and checked on (test/ui/ink-frame-cache.test.tsx). */
export const inkVersionChecked = '6.8.0';

/**
 * Values worked out in a frame, kept for the next `frames` frames: what none of them used is dropped.
 * A few frames, not one: a key that opens a view and the key that closes it draw frames that take
 * turns, and each should find the other's rows.
 */
class RecentFramesMemory<T> {
	private now = new Map<string, T>();
	/** The frames before this one, newest first. */
	private readonly before: Array<Map<string, T>> = [];

	constructor(private readonly frames: number) {}

	get(key: string, work: (key: string) => T): T {
		let value = this.now.get(key);
		if (value === undefined) {
			for (const frame of this.before) {
				value = frame.get(key);
				if (value !== undefined) {
					break;
				}
			}

			value ??= work(key);
			this.now.set(key, value);
		}

		return value;
	}

	endFrame(): void {
		this.before.unshift(this.now);
		this.before.length = Math.min(this.before.length, this.frames - 1);
		this.now = new Map();
	}

	get size(): number {
		return this.before.reduce((sum, frame) => sum + frame.size, this.now.size);
	}
}

/** Frames a line or row is remembered for after it was last drawn. */
export const framesRemembered = 6;

/**
 * What frames learnt, kept for the next ones: a line's styled cells and a whole screen row drawn in
 * one of the last frames are not worked out again, nor a character's width ever. Bounded to `framesRemembered` frames' worth.
 * With `tokenizer` (Ink's), a new line of characters that never join is cut into cells without Ink's segmenter (ink-plain-cells.ts).
 */
export function framesMemory(tokenizer?: Tokenizer) {
	const plainCells = tokenizer ? plainCellsMaker(tokenizer) : () => undefined;
	const styled = new RecentFramesMemory<unknown>(framesRemembered);
	// Widths are asked of single characters, a small set that stays.
	const widths = new BoundedMemo<number>(4096);

	const rows = new RecentFramesMemory<string>(framesRemembered);
	return {
		/** Caches for one frame: what the recent frames knew, else Ink's own (`frame`). */
		caches(frame: OutputCaches): OutputCaches {
			const measure = (text: string) => frame.getStringWidth(text);
			return {
				getStyledChars: line => styled.get(line, text => plainCells(text) ?? frame.getStyledChars(text)),
				getStringWidth: text => widths.get(text, measure),
				getWidestLine: text => frame.getWidestLine(text),
			};
		},
		/** A screen row by what was written on it (see ink-screen-rows.ts). */
		row: (key: string, draw: () => string) => rows.get(key, draw),
		endFrame() {
			styled.endFrame();
			rows.endFrame();
		},
		/** Entries kept now (for tests). */
		size: () => styled.size + rows.size,
	};
}

/**
 * Ink 6 draws each frame through a new `Output` whose caches live for that frame only, so every row
 * on the screen is tokenised into styled cells again at every frame (Intl.Segmenter per character),
 * and every cell of the screen is turned back into text: about two thirds of the console's CPU with
 * jobs running, and most of the time a key waits for its frame. Ink offers no option for this, so the
 * console gives Ink's Output caches kept from one frame to the next (an unchanged row, or a log line
 * that scrolled up, costs a map lookup) and puts the screen together row by row (ink-screen-rows.ts).
 * The class is private to Ink: it is reached by its file next to Ink's entry, only on the Ink version
 * checked, and left alone (the console just draws slower) when anything about it differs.
 * @returns why the cache was not installed, or undefined when it was
 */
export async function keepInkCachesAcrossFrames(): Promise<string | undefined> {
	try {
		const entry = createRequire(import.meta.url).resolve('ink');
		const folder = path.dirname(entry);
		const version = (JSON.parse(readFileSync(path.join(folder, '../package.json'), 'utf8')) as {version?: string}).version;
		if (version !== inkVersionChecked) {
			return `Ink ${version ?? '(unknown version)'} is not the version the frame cache was checked on (${inkVersionChecked})`;
		}

		const tokenizerPackage = createRequire(entry).resolve('@alcalzone/ansi-tokenize/package.json');
		const tokenizer = await import(pathToFileURL(path.join(path.dirname(tokenizerPackage), 'build/index.js')).href) as Partial<InkTokenizer>;
		const output = await import(pathToFileURL(path.join(folder, 'output.js')).href) as {default?: OutputClass};
		return installOn(output.default, tokenizer);
	} catch (error) {
		return `Ink's renderer could not be reached: ${(error as Error).message}`;
	}
}

/** What the console uses of `@alcalzone/ansi-tokenize`, the copy Ink draws with. */
type InkTokenizer = Tokenizer & Pick<ScreenParts, 'diffAnsiCodes' | 'ansiCodesToString'>;

/** Marks an Output class that draws through the cache already (one console after another in a process). */
const installedMark = Symbol.for('sage-console.ink-frame-cache');

function installOn(Output: OutputClass | undefined, tokenizer: Partial<InkTokenizer>): string | undefined {
	const inkGet = Output?.prototype?.get;
	if (!Output || typeof inkGet !== 'function') {
		return 'Ink\'s Output has no get()';
	}

	const {tokenize, reduceAnsiCodesIncremental, diffAnsiCodes, ansiCodesToString} = tokenizer;
	if (typeof tokenize !== 'function' || typeof reduceAnsiCodesIncremental !== 'function' || typeof diffAnsiCodes !== 'function' || typeof ansiCodesToString !== 'function') {
		return 'the tokenizer Ink uses lacks tokenize(), reduceAnsiCodesIncremental(), diffAnsiCodes() or ansiCodesToString()';
	}

	const prototype = Output.prototype as OutputClass['prototype'] & {[installedMark]?: true};
	if (prototype[installedMark]) {
		return undefined;
	}

	const memory = framesMemory({tokenize, reduceAnsiCodesIncremental});
	prototype.get = function (this: OutputInstance) {
		const own = this.caches;
		if (typeof own?.getStyledChars !== 'function' || typeof own.getStringWidth !== 'function' || typeof own.getWidestLine !== 'function' || !Array.isArray(this.operations)) {
			return inkGet.call(this);
		}

		const caches = memory.caches(own);
		this.caches = caches;
		try {
			const parts = {
				styledChars: (line: string) => caches.getStyledChars(line) as StyledChar[],
				stringWidth: (text: string) => caches.getStringWidth(text),
				diffAnsiCodes,
				ansiCodesToString,
				row: memory.row,
			};
			return screenText(this.width, this.height, this.operations, parts) ?? inkGet.call(this);
		} finally {
			memory.endFrame();
		}
	};

	prototype[installedMark] = true;
	return undefined;
}
