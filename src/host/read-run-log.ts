import {closeSync, openSync, readSync} from 'node:fs';
import type {LogChunk} from '../protocol/messages.js';

/** The most a `read-log` answer carries; a client reads on from `nextOffset`. */
const defaultMaxBytes = 256 * 1024;

/**
 * Whole lines of a run's log file from byte `offset` (a partial last line waits for the next read).
 * A file that does not exist yet reads as empty; `finished` is the caller's (the run has ended).
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
		// A line longer than the buffer is passed on in pieces rather than never.
		const end = lastNewline === -1 ? (read === buffer.length ? read : 0) : lastNewline + 1;
		const lines = text.subarray(0, end).toString('utf8').split('\n').filter(line => line.length > 0);
		const nextOffset = offset + end;
		return {logPath, lines, nextOffset, finished: finished && end === read};
	} finally {
		closeSync(fd);
	}
}
