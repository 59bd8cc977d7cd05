import {useMemo} from 'react';
import type {LineFilter, LogBuffer} from '../log-buffer.js';
import {logViewWindow, type DayedLine} from '../log-day-window.js';

/**
 * The lines the log panel shows in its `rows` rows, day separators counted (log-day-window.ts): the
 * newest (following) or those ending at `bottom`, with how many newer ones are below them. Re-read
 * only when the tail's version, the view or the day (`today`, log-days.ts) changes.
 */
export function useLogTail(tail: LogBuffer, version: number, rows: number, bottom: number | undefined, filter: LineFilter, today: number): {lines: DayedLine[]; behind: number} {
	return useMemo(
		() => {
			const lines = logViewWindow(tail, rows, bottom, filter, today);
			const last = lines.at(-1)?.seq;
			return {lines, behind: bottom === undefined || last === undefined ? 0 : tail.countAfter(last, filter)};
		},
		// `version` is the tail's change counter: a new version means new lines to read.
		// eslint-disable-next-line react-hooks/exhaustive-deps
		[tail, version, rows, bottom, filter, today],
	);
}
