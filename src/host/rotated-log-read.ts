import {statSync} from 'node:fs';
import type {LogChunk} from '../protocol/messages.js';
import {readRunLog} from './read-run-log.js';

function sizeOf(file: string): number | undefined {
	try {
		return statSync(file).size;
	} catch {
		return undefined;
	}
}

/**
 * `readRunLog` for a file rotated under its reader by copy-then-truncate (a service's output file,
 * service-logs.ts), as `tail -F` follows one: a file now shorter than `offset` was rotated since the
 * last read, so the lines after `offset` are in the copy, `.1`, and what follows them at the start of
 * the file. Stateless, like `tail`'s own check: a file that grew past `offset` again between two reads
 * is not told from one that never rotated.
 */
export function readRotatedLog(logPath: string, offset: number, maxBytes: number | undefined, finished: boolean): LogChunk {
	const size = sizeOf(logPath);
	if (size === undefined || size >= offset) {
		return readRunLog(logPath, offset, maxBytes, finished);
	}

	// The copy is the file as it was when rotated, so at least `offset` long; a shorter `.1` is an older
	// rotation's (the one after `offset` went further than `.1`, or none was kept): those lines are gone.
	const copy = `${logPath}.1`;
	if ((sizeOf(copy) ?? 0) > offset) {
		// The copy ends where its writer was when it was taken: its last line is whole as it is.
		const rest = readRunLog(copy, offset, maxBytes, true);
		if (rest.lines.length > 0) {
			// Read on in the copy while the live file is still short of it, then from the live file's start.
			return {logPath, lines: rest.lines, nextOffset: rest.finished ? 0 : rest.nextOffset, finished: false};
		}
	}

	return readRunLog(logPath, 0, maxBytes, finished);
}
