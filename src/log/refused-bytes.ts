const newline = 0x0A;
const empty = Buffer.alloc(0);

/**
 * What a log file refused (a full disk), oldest first, to be written before any newer line once it
 * takes writes again: at most `maxBytes`, in whole lines, the oldest lines dropped beyond that.
 */
export class RefusedBytes {
	private bytes: Buffer = empty;

	constructor(readonly maxBytes: number) {}

	get length(): number {
		return this.bytes.length;
	}

	/** Hands over what is held, with `fresh` after it, and holds nothing. */
	takeWith(fresh: Buffer): Buffer {
		const all = this.bytes.length === 0 ? fresh : Buffer.concat([this.bytes, fresh]);
		this.bytes = empty;
		return all;
	}

	/**
	 * Holds `bytes`, what a write left over. `torn`: the file ends in part of the first line held; if that
	 * line is dropped, a newline ends the torn part so the next line starts a line of its own.
	 * Returns how many lines were dropped.
	 */
	hold(bytes: Buffer, torn: boolean): number {
		if (bytes.length <= this.maxBytes) {
			this.bytes = bytes;
			return 0;
		}

		const cut = bytes.indexOf(newline, bytes.length - this.maxBytes - 1);
		const start = cut === -1 ? bytes.length : cut + 1;
		const kept = bytes.subarray(start);
		this.bytes = torn ? Buffer.concat([Buffer.from('\n'), kept]) : kept;
		return countLines(bytes.subarray(0, start));
	}

	/** Drops what is held; returns how many lines that was. */
	drop(): number {
		const lines = countLines(this.bytes);
		this.bytes = empty;
		return lines;
	}
}

function countLines(bytes: Buffer): number {
	let count = 0;
	for (let at = bytes.indexOf(newline); at !== -1; at = bytes.indexOf(newline, at + 1)) {
		count++;
	}

	return count;
}
