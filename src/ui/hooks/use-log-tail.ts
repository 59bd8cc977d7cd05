import {useMemo} from 'react';
import type {LogTail} from '../../scheduler/log-tail.js';
import type {LogLine} from '../../core/log-line.js';

/** The newest lines of the bounded tail for the log panel; re-read only when the frame's tail version moves. */
export function useLogTail(tail: LogTail, version: number, count: number, skip: number, jobId: string | undefined): LogLine[] {
	return useMemo(
		() => tail.newest(count, skip, jobId === undefined ? undefined : line => line.jobId === jobId),
		// `version` is the tail's change counter: a new version means new lines to read.
		// eslint-disable-next-line react-hooks/exhaustive-deps
		[tail, version, count, skip, jobId],
	);
}
