import {closeSync, fchmodSync, fstatSync, mkdirSync, openSync, writeSync} from 'node:fs';
import path from 'node:path';
import type {LogLevel} from '../core/log-line.js';
import {fileErrorText} from './file-error-text.js';

export const levelNumbers: Record<LogLevel, number> = {trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60};
const levelNames = new Map(Object.entries(levelNumbers).map(([name, number]) => [number, name as LogLevel]));

export function levelName(level: unknown): LogLevel {
	return typeof level === 'number' ? levelNames.get(level) ?? 'info' : 'info';
}

/** Run logs may hold what jobs print: readable by the owner and its group only. */
const fileMode = 0o640;
const folderMode = 0o750;

/** Creates the folder of a run log (owner and group only). */
export function ensureLogFolder(file: string): void {
	mkdirSync(path.dirname(file), {recursive: true, mode: folderMode});
}

/** A run log that cannot be created or written: the run it belongs to cannot keep its record. */
export class RunLogUnavailableError extends Error {
	override name = 'RunLogUnavailable';

	constructor(readonly file: string, cause: unknown, shownAs = file) {
		super(`cannot write ${shownAs}: ${fileErrorText(cause)}`, {cause});
	}
}

/**
 * One run's log, `logs/jobs/<YYYYMMDD>_<NNN>.log`: pino-format JSON lines (`{level,time,jobId,runId,…,msg}`),
 * written synchronously so a crash keeps every line up to the last one written. A write never throws:
 * a full or vanished disk loses the line, and `lostLines`/`problem` say so, because logging must never
 * stop a run from ending. `RunLogFile.open` opens at once and throws `RunLogUnavailableError` when the
 * file cannot be had; `new RunLogFile` opens on the first line.
 */
export class RunLogFile {
	/** Lines that could not be written. */
	lostLines = 0;
	/** The first error met (opening or writing). */
	problem: unknown;
	/**
	 * Told when writes start failing (with the error) and when they work again after that (undefined):
	 * once per change, not per line, so a caller can keep a notice standing while the disk refuses writes.
	 */
	onWrites: ((error: unknown) => void) | undefined;
	private fd: number | undefined;
	private closed = false;
	private failing = false;

	constructor(readonly file: string, private readonly base: Record<string, unknown>) {}

	/**
	 * Creates the folder (0750) and the file (0640) and opens it for appending.
	 * @param shownAs How errors name the file (e.g. relative to the root).
	 */
	static open(file: string, base: Record<string, unknown>, shownAs = file): RunLogFile {
		const log = new RunLogFile(file, base);
		try {
			log.fd = openLogFile(file);
		} catch (error) {
			throw new RunLogUnavailableError(file, error, shownAs);
		}

		return log;
	}

	/** The open descriptor (for a worker thread of this process to append to), if open. */
	get descriptor(): number | undefined {
		return this.fd;
	}

	/** Appends a line; false when it could not be written. */
	write(level: LogLevel, msg: string, fields: Record<string, unknown> = {}): boolean {
		if (this.closed) {
			return false;
		}

		return this.append(`${JSON.stringify({level: levelNumbers[level], time: Date.now(), ...this.base, ...fields, msg})}\n`, 1);
	}

	/** Appends many lines with one write (a command's chunk of output); false when they could not be written. */
	writeMany(lines: ReadonlyArray<{level: LogLevel; msg: string; fields?: Record<string, unknown>}>): boolean {
		if (this.closed || lines.length === 0) {
			return lines.length === 0;
		}

		const time = Date.now();
		const text = lines.map(line => `${JSON.stringify({level: levelNumbers[line.level], time, ...this.base, ...line.fields, msg: line.msg})}\n`).join('');
		return this.append(text, lines.length);
	}

	/** Whether the file was removed from its folder while open (its lines then reach no one). */
	isDeleted(): boolean {
		try {
			return this.fd !== undefined && fstatSync(this.fd).nlink === 0;
		} catch {
			return false;
		}
	}

	private append(text: string, lineCount: number): boolean {
		try {
			this.fd ??= openLogFile(this.file);
			const bytes = Buffer.from(text);
			for (let written = 0; written < bytes.length;) {
				written += writeSync(this.fd, bytes, written);
			}
		} catch (error) {
			this.lostLines += lineCount;
			this.problem ??= error;
			if (!this.failing) {
				this.failing = true;
				this.onWrites?.(error);
			}

			return false;
		}

		if (this.failing) {
			this.failing = false;
			this.onWrites?.(undefined);
		}

		return true;
	}

	close(): void {
		this.closed = true;
		if (this.fd !== undefined) {
			try {
				closeSync(this.fd);
			} catch {
				// Closing a descriptor of a failed disk may fail too; it is released all the same.
			}

			this.fd = undefined;
		}
	}
}

/** Opens for appending, creating the folder only when it is missing (one system call in the usual case). */
function openLogFile(file: string): number {
	let fd: number;
	try {
		fd = openSync(file, 'a', fileMode);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
			throw error;
		}

		ensureLogFolder(file);
		fd = openSync(file, 'a', fileMode);
	}

	try {
		// A file made ahead of time (the run-log reserve) or by an older version may be wider.
		if ((fstatSync(fd).mode & 0o027) !== 0) {
			fchmodSync(fd, fileMode);
		}
	} catch {
		// Not ours to change (another owner): the file stays as it is.
	}

	return fd;
}
