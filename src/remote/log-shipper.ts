/**
 * A worker's run log, sent on as it grows: the local executor writes the file (its worker thread
 * appends the job's lines directly), and the shipper reads what is new and sends it — whole lines,
 * with their byte offset — so the console's copy is byte for byte the same file.
 */
import {closeSync, fstatSync, openSync, readSync} from 'node:fs';

/** Bytes read and sent at most at once. */
const chunkBytes = 256 * 1024;

export class LogShipper {
	private offset = 0;
	private fd: number | undefined;
	/** Grown to what a read needs (most runs' logs are a few hundred bytes), at most a chunk. */
	private buffer = Buffer.alloc(0);

	constructor(private readonly file: string, private readonly send: (offset: number, length: number, text: string) => void) {}

	/** Sends what was written since the last call: whole lines, or everything when `final`. */
	pump(final = false): void {
		this.fd ??= tryOpen(this.file);
		if (this.fd === undefined) {
			return;
		}

		for (;;) {
			let read: number;
			try {
				const size = fstatSync(this.fd).size;
				if (size <= this.offset) {
					return;
				}

				if (this.buffer.length < Math.min(size - this.offset, chunkBytes)) {
					this.buffer = Buffer.allocUnsafe(Math.min(Math.max(size - this.offset, 4096), chunkBytes));
				}

				read = readSync(this.fd, this.buffer, 0, Math.min(this.buffer.length, chunkBytes), this.offset);
			} catch {
				return;
			}

			if (read === 0) {
				return;
			}

			let end = read;
			if (!final || read === chunkBytes) {
				const newline = this.buffer.lastIndexOf(10, read - 1);
				end = newline >= 0 ? newline + 1 : (read === chunkBytes ? utf8Boundary(this.buffer, read) || read : 0);
			}

			if (end === 0) {
				return;
			}

			this.send(this.offset, end, this.buffer.toString('utf8', 0, end));
			this.offset += end;
			if (read < chunkBytes && end === read) {
				return;
			}
		}
	}

	close(): void {
		if (this.fd !== undefined) {
			closeSync(this.fd);
			this.fd = undefined;
		}
	}
}

function tryOpen(file: string): number | undefined {
	try {
		return openSync(file, 'r');
	} catch {
		return undefined;
	}
}

/** The end of the last whole UTF-8 character before `end` (a line longer than a chunk is cut between characters). */
function utf8Boundary(buffer: Buffer, end: number): number {
	let start = end - 1;
	while (start > 0 && (buffer[start]! & 0xC0) === 0x80) {
		start--;
	}

	const lead = buffer[start]!;
	const length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
	return start + length <= end ? end : start;
}
