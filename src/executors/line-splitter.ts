import {outputText} from './output-text.js';

/** @default 64 KiB */
export const maxLineBytes = 64 * 1024;

/**
 * One line of output: its text, its whole length in bytes when it had to be cut, and whether carriage
 * returns redrew it (with `redraws`: the text is its last state).
 */
export type OutputLine = {text: string; cutFrom?: number; redrawn?: true};

const newline = 0x0A;
const carriageReturn = 0x0D;

/**
 * Splits a byte stream into lines in time linear in its size, however long a line is: chunks of the
 * line being read are kept in an array and only each new chunk is scanned for a newline (joining the
 * carry with each chunk and splitting again is quadratic: a 50 MB line without a newline took minutes).
 * A line longer than `maxBytes` keeps its first `maxBytes` and ends with a marker naming its length;
 * the rest is counted, not kept. Bytes are decoded per whole line, so a character split across chunks
 * stays whole (a newline byte never occurs inside a UTF-8 character).
 *
 * With `redraws`, a carriage return inside a line works as on a terminal: the text after it replaces
 * the text before it, so a progress bar redrawn in place (tqdm, curl, wget) is its last state, not every
 * state joined into one line that the cap cuts before the end. An empty piece (`\r\r`, a CRLF) replaces nothing.
 */
export class LineSplitter {
	private parts: Buffer[] = [];
	private kept = 0;
	private length = 0;
	/** A carriage return came last: the next text of this line replaces what is kept. */
	private returned = false;
	/** The line being read was redrawn: text came after a carriage return in it. */
	private redrawnLine = false;

	private readonly redraws: boolean;
	private readonly gbk: boolean;

	/**
	 * @param options.redraws A carriage return inside a line overwrites it, as above. @default false
	 * @param options.gbk A line that is not UTF-8 but is whole GB18030 is read as that (output-text.ts). @default false
	 */
	constructor(private readonly maxBytes = maxLineBytes, options: {redraws?: boolean; gbk?: boolean} = {}) {
		this.redraws = options.redraws ?? false;
		this.gbk = options.gbk ?? false;
	}

	push(chunk: Buffer): OutputLine[] {
		const lines: OutputLine[] = [];
		let start = 0;
		for (let end = chunk.indexOf(newline); end !== -1; end = chunk.indexOf(newline, start)) {
			if (this.length === 0 && end - start <= this.maxBytes && !(this.redraws && this.redrawn(chunk, start, end))) {
				// The usual case, a whole line inside the chunk: decoded straight from it.
				lines.push(this.lineOf(chunk.subarray(start, end)));
			} else {
				this.keep(chunk.subarray(start, end));
				lines.push(this.take());
			}

			start = end + 1;
		}

		if (start < chunk.length) {
			this.keep(chunk.subarray(start));
		}

		return lines;
	}

	/** The last line, when the stream ended without a newline. */
	end(): OutputLine[] {
		return this.length > 0 ? [this.take()] : [];
	}

	/**
	 * With `redraws`, the state a line being redrawn shows now, before its newline comes (a progress bar
	 * still moving); undefined when the line being read was not redrawn or is longer than the cap.
	 */
	current(): string | undefined {
		if (!this.redrawnLine || this.length === 0 || this.length > this.maxBytes) {
			return undefined;
		}

		return outputText(this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.kept), this.gbk);
	}

	private keep(piece: Buffer): void {
		if (!this.redraws) {
			this.append(piece);
			return;
		}

		let start = 0;
		for (let cr = piece.indexOf(carriageReturn); cr !== -1; cr = piece.indexOf(carriageReturn, start)) {
			this.appendAfterReturn(piece.subarray(start, cr));
			this.returned = true;
			start = cr + 1;
		}

		this.appendAfterReturn(piece.subarray(start));
	}

	/** Whether `chunk[start, end)` has a carriage return before its last byte (a CRLF's is no redraw). */
	private redrawn(chunk: Buffer, start: number, end: number): boolean {
		const cr = chunk.subarray(start, end).indexOf(carriageReturn);
		return cr !== -1 && cr < end - start - 1;
	}

	private appendAfterReturn(piece: Buffer): void {
		if (piece.length === 0) {
			return;
		}

		if (this.returned) {
			this.redrawnLine = true;
			this.parts = [];
			this.kept = 0;
			this.length = 0;
			this.returned = false;
		}

		this.append(piece);
	}

	private append(piece: Buffer): void {
		this.length += piece.length;
		const room = this.maxBytes - this.kept;
		if (room > 0 && piece.length > 0) {
			// A copy, so a kept piece does not pin the whole chunk it came from.
			const kept = Buffer.from(piece.subarray(0, room));
			this.parts.push(kept);
			this.kept += kept.length;
		}
	}

	/** A whole line's text, without the carriage return of a CRLF ending. */
	private lineOf(bytes: Buffer): OutputLine {
		return {text: outputText(bytes.at(-1) === carriageReturn ? bytes.subarray(0, -1) : bytes, this.gbk)};
	}

	private take(): OutputLine {
		const bytes = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.kept);
		const length = this.length;
		const redrawn = this.redrawnLine ? {redrawn: true as const} : {};
		this.returned = false;
		this.redrawnLine = false;
		this.parts = [];
		this.kept = 0;
		this.length = 0;
		if (length <= this.maxBytes) {
			return {...this.lineOf(bytes), ...redrawn};
		}

		return {text: `${outputText(bytes.subarray(0, utf8Boundary(bytes)), this.gbk)}… [line truncated: ${length} bytes]`, cutFrom: length, ...redrawn};
	}
}


/** Where a cut at the end of `bytes` keeps whole UTF-8 characters (continuation bytes are 10xxxxxx). */
function utf8Boundary(bytes: Buffer): number {
	let end = bytes.length;
	for (let back = 1; back <= 3 && end - back >= 0; back++) {
		const byte = bytes[end - back]!;
		if ((byte & 0xC0) === 0x80) {
			continue;
		}

		// A lead byte: keep its character only if all of its continuation bytes made it.
		const size = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1;
		if (size > back) {
			end -= back;
		}

		break;
	}

	return end;
}
