import {closeSync, mkdirSync, openSync, writeSync} from 'node:fs';
import path from 'node:path';

const openFiles = new Set<LineFile>();
let flushesAtExit = false;

/**
 * An append-only file of log lines, for pino: lines are gathered during a turn of the event loop and
 * written with one synchronous write after it (and at exit). At a hundred runs a second the console's
 * log took ~1 MB/s of garbage through pino's default file stream, which measured the length of its
 * whole pending buffer again on every line; this keeps an array and joins it once. A failed write (a
 * full disk) drops those lines and counts them; logging never stops the scheduler.
 */
export class LineFile {
	/** Lines that could not be written. */
	dropped = 0;
	private fd: number | undefined;
	private pending: string[] = [];
	private flushTimer: NodeJS.Immediate | undefined;

	constructor(readonly file: string) {
		mkdirSync(path.dirname(file), {recursive: true});
		this.fd = openSync(file, 'a');
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
		if (this.fd === undefined) {
			return false;
		}

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

		if (this.pending.length === 0 || this.fd === undefined) {
			return;
		}

		const lines = this.pending;
		this.pending = [];
		const bytes = Buffer.from(lines.length === 1 ? lines[0]! : lines.join(''));
		try {
			for (let written = 0; written < bytes.length;) {
				written += writeSync(this.fd, bytes, written);
			}
		} catch {
			this.dropped += lines.length;
		}
	}

	/** For pino's `logger.flush()`. */
	flush(callback?: (error?: Error) => void): void {
		this.flushSync();
		callback?.();
	}

	close(): void {
		this.flushSync();
		if (this.fd !== undefined) {
			closeSync(this.fd);
			this.fd = undefined;
		}

		openFiles.delete(this);
	}
}
