import {useMemo} from 'react';
import type {LineFilter, LogBuffer, NumberedLine} from '../log-buffer.js';

/**
 * The lines the log panel shows: the newest `count` (following) or the `count` ending at `bottom`,
 * with how many newer ones are below them. Re-read only when the tail's version or the view moves.
 */
export function useLogTail(tail: LogBuffer, version: number, count: number, bottom: number | undefined, filter: LineFilter): {lines: NumberedLine[]; behind: number} {
	return useMemo(
		() => {
			const lines = tail.window(count, bottom, filter);
			const last = lines.at(-1)?.seq;
			return {lines, behind: bottom === undefined || last === undefined ? 0 : tail.countAfter(last, filter)};
		},
		// `version` is the tail's change counter: a new version means new lines to read.
		// eslint-disable-next-line react-hooks/exhaustive-deps
		[tail, version, count, bottom, filter],
	);
}
