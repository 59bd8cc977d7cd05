import {closeSync, openSync, readSync} from 'node:fs';
import type {LogChunk} from '../protocol/messages.js';
import {oversizedLine} from './oversized-log-line.js';

/** The most a `read-log` answer carries; a client reads on from `nextOffset`. */
const defaultMaxBytes = 256 * 1024;

/**
 * Whole lines of a run's log file from byte `offset` (a partial last line waits for the next read, or is
 * read as it is once the run has ended). A line longer than the read window is handed out as one line
 * cut with a marker (`oversizedLine`), never in pieces. A file that does not exist yet reads as empty;
 * `finished` is the caller's (the run has ended).
 */
export function readRunLog(logPath: string | undefined, offset: number, maxBytes = defaultMaxBytes, finished: boolean): LogChunk {
	if (!logPath) {
		return {lines: [], nextOffset: offset, finished};
	}

	let fd: number;
	try {
		fd = openSync(logPath, 'r');
	} catch {
		return {logPath, lines: [], nextOffset: offset, finished};
	}

	try {
		const buffer = Buffer.alloc(Math.min(Math.max(maxBytes, 1024), 4 * 1024 * 1024));
		const read = readSync(fd, buffer, 0, buffer.length, offset);
		const text = buffer.subarray(0, read);
		const lastNewline = text.lastIndexOf(10);
		if (lastNewline === -1 && read === buffer.length) {
			const long = oversizedLine(fd, offset, text, finished);
			return long
				? {logPath, lines: [long.line], nextOffset: long.nextOffset, finished: finished && readSync(fd, Buffer.alloc(1), 0, 1, long.nextOffset) === 0}
				: {logPath, lines: [], nextOffset: offset, finished: false};
		}

		// At the end of an ended run's file, a last line without a newline is whole all the same.
		const end = finished && read < buffer.length ? read : lastNewline + 1;
		const lines = text.subarray(0, end).toString('utf8').split('\n').filter(line => line.length > 0);
		const nextOffset = offset + end;
		return {logPath, lines, nextOffset, finished: finished && end === read};
	} finally {
		closeSync(fd);
	}
}

/** Every line of a run's log file, read a window at a time (`readRunLog`), for a reader that wants them all. */
export function * allRunLogLines(logPath: string | undefined, finished: boolean): Generator<string> {
	for (let offset = 0; ;) {
		const chunk = readRunLog(logPath, offset, 4 * 1024 * 1024, finished);
		yield * chunk.lines;
		if (chunk.nextOffset === offset) {
			return;
		}

		offset = chunk.nextOffset;
	}
}
