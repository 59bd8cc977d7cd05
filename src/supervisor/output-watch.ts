/**
 * Readiness by a stdout line: the service's output file read on from where it was when the process
 * started, line by line (the executors' splitter, so a huge line without a newline costs linear time
 * and a capped copy), until a line matches the pattern.
 */
import {closeSync, openSync, readSync, statSync} from 'node:fs';
import {LineSplitter} from '../executors/line-splitter.js';
import {fileSize} from './service-logs.js';

/** Read at most this much per check, so a flood of output never holds the scheduler's thread long. */
const chunkBytes = 256 * 1024;

function modifiedAt(file: string): number {
	try {
		return statSync(file).mtimeMs;
	} catch {
		return 0;
	}
}

export class OutputWatch {
	private readonly splitter = new LineSplitter();
	private readonly pattern: RegExp;
	/** The file read now: the output file, or its rotated copy (`.1`) while what was not read yet is there. */
	private reading: string;
	/** When the watch began (wall clock, as file times are; a coarse file clock may lag it by a tick). */
	private readonly since = Date.now();
	/** The last check stopped short of what was written: the next one should come at once, not after a poll's wait. */
	private lagging = false;

	constructor(private readonly file: string, private offset: number, pattern: string) {
		this.pattern = new RegExp(pattern);
		this.reading = file;
	}

	/**
	 * Whether the last check left written output unread (a burst past a chunk, a rotated copy not read
	 * to its end): read on at once, or a service that prints megabytes before its ready line is read at a
	 * chunk a poll and stopped as not ready long after it was.
	 */
	get behind(): boolean {
		return this.lagging;
	}

	/** Reads what was written since the last check: the matching line, or undefined. */
	check(): string | undefined {
		this.lagging = false;
		if (this.reading === this.file && fileSize(this.file) < this.offset) {
			// Rotated (copied to .1 and emptied) meanwhile. A watch behind a burst of output (it reads a chunk
			// a check) finds what it had not read yet in the copy, at the same offsets: the ready line may be there.
			const copy = `${this.file}.1`;
			// Only a copy made since the watch began (not one left by an earlier rotation, with log_keep: 0 now).
			if (fileSize(copy) > this.offset && modifiedAt(copy) >= this.since - 50) {
				this.reading = copy;
			} else {
				this.offset = 0;
			}
		}

		if (this.reading !== this.file && fileSize(this.reading) <= this.offset) {
			// The copy read to its end: on in the emptied file, from its start.
			this.reading = this.file;
			this.offset = 0;
		}

		const size = fileSize(this.reading);
		if (size <= this.offset) {
			return undefined;
		}

		let fd: number;
		try {
			fd = openSync(this.reading, 'r');
		} catch {
			return undefined;
		}

		try {
			const buffer = Buffer.alloc(Math.min(chunkBytes, size - this.offset));
			const read = readSync(fd, buffer, 0, buffer.length, this.offset);
			this.offset += read;
			this.lagging = read > 0 && (this.offset < size || this.reading !== this.file);
			return this.splitter.push(buffer.subarray(0, read)).map(line => line.text).find(text => this.pattern.test(text));
		} finally {
			closeSync(fd);
		}
	}
}
