/**
 * A run on a worker's log as the console keeps it (`logs/jobs/<YYYYMMDD>_<NNN>.log`): the bytes the
 * worker's executor wrote, appended as they stream in — the same lines, in the same format, as a
 * local run's — then, when the console itself ends the run (the worker went silent, Redis was
 * unreachable), a closing line in that format. Each chunk carries its byte offset in the worker's
 * file, so a chunk read twice (a resent command, a re-attach after a restart) is written once.
 * Never throws: a full disk loses lines and says so, as a local run's log does (run-log-texts.ts): in
 * the outcome's notes (`log incomplete: …`) and, through `onWrites`, in a standing notice.
 */
import {closeSync, fstatSync, openSync, writeSync} from 'node:fs';
import type {LogLevel} from '../core/log-line.js';
import {logIncompleteNote} from '../executors/run-log-texts.js';
import {levelNumbers} from '../log/run-log-file.js';

export class RemoteLogFile {
	/** Bytes of the worker's file written here. */
	private written = 0;
	private fd: number | undefined;
	private lostLines = 0;
	/** The last write was refused (the closing line, at the end). */
	private lastLost = false;
	private problem: unknown;
	private writes: 'untried' | 'working' | 'failing' = 'untried';
	/**
	 * Told when the first write goes in (undefined: logs are written, whatever another run's log said),
	 * when writes start failing (the error), and when they work again (undefined): once per change.
	 */
	onWrites: ((error: unknown) => void) | undefined;

	/** @param shownAs How the note names the file (relative to the root). */
	constructor(readonly file: string, private readonly base: {jobId: string; runId: number}, private readonly shownAs = file) {}

	/** Going on with a file a previous scheduler wrote: what it holds came from the worker. Returns its size. */
	resume(): number {
		const fd = this.open();
		try {
			this.written = fd === undefined ? 0 : fstatSync(fd).size;
		} catch {
			this.written = 0;
		}

		return this.written;
	}

	/**
	 * The worker's `length` bytes from `offset`, as text (only what is new here is written). Chunks are
	 * cut the same way each time they are sent, so one is either new or already written.
	 */
	append(offset: number, length: number, text: string): void {
		if (offset + length <= this.written) {
			return;
		}

		this.written = offset + length;
		this.write(Buffer.from(text));
	}

	/** A line of the console's own, in the run log's format. */
	line(level: LogLevel, msg: string, fields: Record<string, unknown> = {}): void {
		this.write(Buffer.from(`${JSON.stringify({level: levelNumbers[level], time: Date.now(), ...this.base, ...fields, msg})}\n`));
	}

	/** What could not be written, for the outcome's notes. */
	get note(): string | undefined {
		return this.lostLines > 0 ? logIncompleteNote(this.shownAs, this.lostLines, this.lastLost, this.problem) : undefined;
	}

	/** The first error met, while lines were lost. */
	get trouble(): unknown {
		return this.lostLines > 0 ? this.problem : undefined;
	}

	close(): void {
		if (this.fd !== undefined) {
			try {
				closeSync(this.fd);
			} catch {
				// Released all the same.
			}

			this.fd = undefined;
		}
	}

	private open(): number | undefined {
		if (this.fd === undefined) {
			try {
				this.fd = openSync(this.file, 'a', 0o640);
			} catch (error) {
				this.problem ??= error;
			}
		}

		return this.fd;
	}

	private write(bytes: Buffer): void {
		const fd = this.open();
		try {
			if (fd === undefined) {
				throw this.problem;
			}

			for (let done = 0; done < bytes.length;) {
				done += writeSync(fd, bytes, done);
			}
		} catch (error) {
			// A chunk cut inside a line still loses that line.
			this.lostLines += Math.max(1, countNewlines(bytes));
			this.lastLost = true;
			this.problem ??= error;
			this.told('failing', error);
			return;
		}

		this.lastLost = false;
		this.told('working', undefined);
	}

	private told(writes: 'working' | 'failing', error: unknown): void {
		if (this.writes !== writes) {
			this.writes = writes;
			this.onWrites?.(error);
		}
	}
}

function countNewlines(bytes: Buffer): number {
	let count = 0;
	for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) {
		count++;
	}

	return count;
}
