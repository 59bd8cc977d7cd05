import {readSync} from 'node:fs';

/** How much of an oversized line's beginning and end is looked at (its level, time and ids; its msg). */
const keptBytes = 64 * 1024;
const newline = 0x0A;

export type OversizedLine = {
	/** The line shown in its place: a pino line with its msg and a `[line truncated: N bytes]` marker. */
	line: string;
	/** Where the line after it starts (past its newline, or the end of the file). */
	nextOffset: number;
};

/**
 * A run log line that does not fit in a read window (an old log from before lines were capped, or a
 * file written by something else), found from `start`, whose window `head` holds no newline: read to
 * its end without keeping it, and shown as ONE line cut with a marker instead of pieces that are not
 * lines. A pino line keeps its level, time, ids and msg (msg is last in a pino line, so it is taken
 * from the line's end); other text keeps its first 64 KiB. Undefined while the line has no end yet and
 * the run is still writing (`finished` false): it is read once it is whole.
 */
export function oversizedLine(fd: number, start: number, head: Buffer, finished: boolean): OversizedLine | undefined {
	const chunk = Buffer.alloc(keptBytes);
	let tail = Buffer.alloc(0);
	let position = start + head.length;
	for (;;) {
		const read = readSync(fd, chunk, 0, chunk.length, position);
		if (read === 0) {
			if (!finished) {
				return undefined;
			}

			return {line: cutLine(head, tail, position - start), nextOffset: position};
		}

		const piece = chunk.subarray(0, read);
		const end = piece.indexOf(newline);
		const kept = end === -1 ? piece : piece.subarray(0, end);
		tail = Buffer.concat([tail, kept]).subarray(-keptBytes);
		if (end !== -1) {
			return {line: cutLine(head, tail, position + end - start), nextOffset: position + end + 1};
		}

		position += read;
	}
}

function cutLine(head: Buffer, tail: Buffer, length: number): string {
	const marker = `[line truncated: ${length} bytes]`;
	const start = wholeCharacters(head.subarray(0, keptBytes));
	if (!start.startsWith('{')) {
		return `${start}… ${marker}`;
	}

	const record: Record<string, unknown> = {};
	const level = /"level":(\d+)/.exec(start);
	const time = /"time":(\d+)/.exec(start);
	const jobId = /"jobId":("(?:[^"\\]|\\.)*")/.exec(start);
	const runId = /"runId":(\d+)/.exec(start);
	record.level = level ? Number(level[1]) : 30;
	if (time) {
		record.time = Number(time[1]);
	}

	if (jobId) {
		record.jobId = jsonString(jobId[1]!);
	}

	if (runId) {
		record.runId = Number(runId[1]);
	}

	const msg = msgAtEnd(Buffer.concat([head.subarray(-keptBytes), tail]).subarray(-keptBytes)) ?? msgCutInHead(start);
	record.msg = msg ? `${msg} ${marker}` : marker;
	return JSON.stringify(record);
}

/** The msg of a pino line whose end this is (`…,"msg":"…"}`). */
function msgAtEnd(end: Buffer): string | undefined {
	const text = wholeCharacters(end, true).trimEnd();
	const match = /"msg":("(?:[^"\\]|\\.)*")\}$/.exec(text);
	return match ? jsonString(match[1]!) : undefined;
}

/** The beginning of a msg that is itself what made the line too long (it starts in the head, ends far after). */
function msgCutInHead(start: string): string | undefined {
	const at = start.indexOf('"msg":"');
	if (at === -1) {
		return undefined;
	}

	const text = start.slice(at + 6).replace(/\\[^"]?$|\\u[\dA-Fa-f]{0,3}$/, '');
	const value = jsonString(`${text}"`);
	return value === undefined ? undefined : `${value}…`;
}

function jsonString(text: string): string | undefined {
	try {
		const value: unknown = JSON.parse(text);
		return typeof value === 'string' ? value : undefined;
	} catch {
		return undefined;
	}
}

/** Bytes as text without the character a cut may have split at its start or end. */
function wholeCharacters(bytes: Buffer, fromEnd = false): string {
	let text = bytes.toString('utf8');
	if (fromEnd) {
		text = text.replace(/^\uFFFD+/, '');
	}

	return text.replace(/\uFFFD+$/, '');
}
