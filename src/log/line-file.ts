import {closeSync, fstatSync, mkdirSync, openSync, statSync, writeSync} from 'node:fs';
import path from 'node:path';
import {fileErrorText} from './file-error-text.js';
import {rotateNumbered} from './numbered-rotation.js';
import {RefusedBytes} from './refused-bytes.js';

export type LineFileOptions = {
	/** The file is moved aside as `.1` once it reaches this size, in bytes. @default 10 MiB */
	maxBytes?: number;
	/** How many moved-aside files are kept (`.1` newest … `.keep` oldest). @default 5 */
	keep?: number;
	/** Bytes held in memory while the file refuses writes, to be written when it takes them again. @default 256 KiB */
	maxHeldBytes?: number;
};

export const lineFileDefaults = {maxBytes: 10 * 1024 * 1024, keep: 5, maxHeldBytes: 256 * 1024} as const;

const openFiles = new Set<LineFile>();
let flushesAtExit = false;
const newline = 0x0A;

/**
 * An append-only file of log lines, for pino: lines are gathered during a turn of the event loop and
 * written with one synchronous write after it (and at exit). Logging never stops the scheduler: what a
 * file that cannot be opened or written (a read-only or full disk, a folder that is a file) refuses is
 * held, up to `maxHeldBytes`, and written first once it takes writes again; older lines beyond that are
 * dropped and counted. `problem` says why lines are not reaching the file, and stays until a write has
 * gone in: opening a file on a full disk works, writing to it does not. A file deleted or moved away is
 * followed at the next write; `reopenIfGone()` retries, notices the file or its folder deleted or moved
 * away, and says the recovery (or the new file) once a write succeeded.
 * The file is rotated by size: at `maxBytes` it becomes `.1` (`.1` → `.2` …, `keep` of them) and a new one starts.
 */
export class LineFile {
	/** Lines lost for good (beyond what could be held while the file refused writes). */
	dropped = 0;
	/** Why lines are not reaching the file now, if they are not. */
	problem: string | undefined;
	private fd: number | undefined;
	/** The open file's device and inode, read once at its open: a write compares its path's with them (one stat). */
	private opened: {dev: number; ino: number} | undefined;
	/** Bytes in the open file: its size when opened plus what this process wrote since. */
	private size = 0;
	private pending: string[] = [];
	/** What the file refused, oldest first: written before any newer line. */
	private readonly held: RefusedBytes;
	/** The file ends in part of a line (a write that stopped in the middle of one). */
	private torn = false;
	/** `dropped` when the present trouble began, for the recovery line. */
	private droppedBefore = 0;
	/** Something to tell the operator once (a recovery, a rotation that failed), taken by `reopenIfGone()`. */
	private news: string | undefined;
	private flushTimer: NodeJS.Immediate | undefined;
	private readonly maxBytes: number;
	private readonly keep: number;

	constructor(readonly file: string, options: LineFileOptions = {}) {
		this.maxBytes = options.maxBytes ?? lineFileDefaults.maxBytes;
		this.keep = options.keep ?? lineFileDefaults.keep;
		this.held = new RefusedBytes(options.maxHeldBytes ?? lineFileDefaults.maxHeldBytes);
		this.open();
		openFiles.add(this);
		if (!flushesAtExit) {
			flushesAtExit = true;
			process.once('exit', () => {
				for (const open of openFiles) {
					open.flushSync();
				}
			});
		}
	}

	write(line: string): boolean {
		this.pending.push(line);
		this.flushTimer ??= setImmediate(() => {
			this.flushSync();
		});
		return true;
	}

	/** Writes what is held and pending now. */
	flushSync(): void {
		if (this.flushTimer) {
			clearImmediate(this.flushTimer);
			this.flushTimer = undefined;
		}

		if (this.pending.length === 0 && this.held.length === 0) {
			return;
		}

		const bytes = this.held.takeWith(Buffer.from(this.pending.length === 1 ? this.pending[0]! : this.pending.join('')));
		this.pending = [];
		this.followIfMoved();
		if (this.fd === undefined) {
			this.hold(bytes);
			return;
		}

		let written = 0;
		try {
			while (written < bytes.length) {
				written += writeSync(this.fd, bytes, written);
			}
		} catch (error) {
			this.size += written;
			this.torn = written > 0 ? bytes[written - 1] !== newline : this.torn;
			this.troubled(`cannot write ${this.file}: ${fileErrorText(error)}`);
			this.hold(bytes.subarray(written));
			return;
		}

		this.size += written;
		this.torn = false;
		if (this.problem !== undefined) {
			// Only now, with lines in the file, is it true that the file is written again.
			const lost = this.dropped - this.droppedBefore;
			this.news = `${this.file} is written again (${lost === 0 ? 'no line was lost' : `${lost} ${lost === 1 ? 'line was' : 'lines were'} lost`})`;
			this.problem = undefined;
		}

		if (this.size >= this.maxBytes) {
			this.rotate();
		}
	}

	/**
	 * Retries a file that refused writes, and opens the file again when it is gone (deleted with its
	 * folder, rotated by another process, moved). Returns what happened, for the operator, or undefined
	 * when there is nothing new to say.
	 */
	reopenIfGone(): string | undefined {
		if (this.fd !== undefined && this.isSameFile()) {
			if (this.problem !== undefined) {
				this.flushSync();
			}

			return this.problem === undefined ? this.takeNews() : undefined;
		}

		const before = this.problem;
		const wasGone = this.fd !== undefined && before === undefined;
		this.close(false);
		this.open();
		this.flushSync();
		if (this.problem !== undefined) {
			return before === this.problem ? undefined : this.problem;
		}

		return this.takeNews() ?? (wasGone ? `${this.file} was gone; made anew` : undefined);
	}

	/** For pino's `logger.flush()`. */
	flush(callback?: (error?: Error) => void): void {
		this.flushSync();
		callback?.();
	}

	close(forGood = true): void {
		this.flushSync();
		if (this.fd !== undefined) {
			try {
				closeSync(this.fd);
			} catch {
				// Its disk is gone; nothing more to lose.
			}

			this.fd = undefined;
		}

		if (forGood) {
			this.dropped += this.held.drop();
			openFiles.delete(this);
		}
	}

	private open(): void {
		try {
			mkdirSync(path.dirname(this.file), {recursive: true, mode: 0o750});
			this.fd = openSync(this.file, 'a', 0o640);
			const {size, dev, ino} = fstatSync(this.fd);
			this.size = size;
			this.opened = {dev, ino};
			this.torn = false;
		} catch (error) {
			if (this.fd !== undefined) {
				closeSync(this.fd);
			}

			this.fd = undefined;
			this.troubled(`cannot write ${this.file}: ${fileErrorText(error)}`);
		}
	}

	/**
	 * The file deleted (logs/ removed) or moved away (logrotate without copytruncate) since the last
	 * write: these lines go to a new one at its path, not to one nobody can find (one stat of the path
	 * per write, compared with the open file's, as Python's WatchedFileHandler does), and the guard's
	 * next `reopenIfGone()` says it was made anew.
	 */
	private followIfMoved(): void {
		if (this.fd === undefined || this.problem !== undefined || this.isSameFile()) {
			return;
		}

		try {
			closeSync(this.fd);
		} catch {
			// Its disk is gone; the new file says what it can.
		}

		this.fd = undefined;
		this.open();
		if (this.problem === undefined) {
			this.news ??= `${this.file} was gone; made anew`;
		}
	}

	private troubled(problem: string): void {
		if (this.problem === undefined) {
			this.droppedBefore = this.dropped;
		}

		this.problem = problem;
	}

	private hold(bytes: Buffer): void {
		this.dropped += this.held.hold(bytes, this.torn);
		// Cut to fit, the held bytes start with a newline that ends the torn line.
		this.torn &&= bytes.length <= this.held.maxBytes;
	}

	private rotate(): void {
		try {
			// Another process writing this file may have rotated it already: then only follow it.
			if (this.isSameFile()) {
				rotateNumbered(this.file, this.keep);
			}
		} catch (error) {
			this.news = `cannot rotate ${this.file}: ${fileErrorText(error)}; it grows on`;
			this.size = 0; // Tried again after another maxBytes, not at every line.
			return;
		}

		this.close(false);
		this.open();
	}

	/** Whether the file at the path is the one open (`opened`): a stat of the path, the open one's read at its open. */
	private isSameFile(): boolean {
		try {
			const onDisk = statSync(this.file, {throwIfNoEntry: false});
			return onDisk !== undefined && onDisk.ino === this.opened?.ino && onDisk.dev === this.opened.dev;
		} catch {
			return false;
		}
	}

	private takeNews(): string | undefined {
		const news = this.news;
		this.news = undefined;
		return news;
	}
}
