import {closeSync, fstatSync, mkdirSync, openSync, statSync, writeSync} from 'node:fs';
import path from 'node:path';
import {fileErrorText} from './file-error-text.js';

const openFiles = new Set<LineFile>();
let flushesAtExit = false;

/**
 * An append-only file of log lines, for pino: lines are gathered during a turn of the event loop and
 * written with one synchronous write after it (and at exit). Logging never stops the scheduler: a file
 * that cannot be opened (a read-only or full disk, a folder that is a file) or written leaves the lines
 * dropped and counted, says why in `problem`, and is tried again by `reopenIfGone()`, which also
 * notices the file or its folder deleted or moved away and makes it anew.
 */
export class LineFile {
	/** Lines that could not be written. */
	dropped = 0;
	/** Why lines are not reaching the file now, if they are not. */
	problem: string | undefined;
	private fd: number | undefined;
	private pending: string[] = [];
	private flushTimer: NodeJS.Immediate | undefined;

	constructor(readonly file: string) {
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

	/** Writes what is pending now. */
	flushSync(): void {
		if (this.flushTimer) {
			clearImmediate(this.flushTimer);
			this.flushTimer = undefined;
		}

		if (this.pending.length === 0) {
			return;
		}

		const lines = this.pending;
		this.pending = [];
		if (this.fd === undefined) {
			this.dropped += lines.length;
			return;
		}

		const bytes = Buffer.from(lines.length === 1 ? lines[0]! : lines.join(''));
		try {
			for (let written = 0; written < bytes.length;) {
				written += writeSync(this.fd, bytes, written);
			}
		} catch (error) {
			this.dropped += lines.length;
			this.problem = `cannot write ${this.file}: ${fileErrorText(error)}`;
		}
	}

	/**
	 * Opens the file again when it is gone (deleted with its folder, rotated, moved) or could not be
	 * opened before. Returns what happened, for the operator, or undefined when all was well.
	 */
	reopenIfGone(): string | undefined {
		if (this.fd !== undefined && !this.problem) {
			try {
				if (statSync(this.file).ino === fstatSync(this.fd).ino) {
					return undefined;
				}
			} catch {
				// Gone: opened anew below.
			}
		}

		const hadProblem = this.problem;
		this.close(false);
		this.open();
		if (this.problem) {
			return hadProblem === this.problem ? undefined : this.problem;
		}

		return hadProblem ? `${this.file} is written again (${this.dropped} lines were lost)` : `${this.file} was gone; made anew`;
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
			openFiles.delete(this);
		}
	}

	private open(): void {
		try {
			mkdirSync(path.dirname(this.file), {recursive: true, mode: 0o750});
			this.fd = openSync(this.file, 'a', 0o640);
			this.problem = undefined;
		} catch (error) {
			this.fd = undefined;
			this.problem = `cannot write ${this.file}: ${fileErrorText(error)}`;
		}
	}
}
