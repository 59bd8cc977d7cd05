import {useEffect, useMemo, useState} from 'react';
import type {LogTail} from '../../engine/log-tail.js';
import type {LogLine} from '../../engine/ports.js';

/**
 * The newest lines of the bounded tail, refreshed at most every `flushMs` however fast jobs log:
 * never a state update per line.
 */
export function useLogTail(tail: LogTail, count: number, skip: number, jobId: string | undefined, flushMs = 150): LogLine[] {
	const [version, setVersion] = useState(tail.version);
	useEffect(() => {
		let timer: NodeJS.Timeout | undefined;
		const off = tail.subscribe(() => {
			timer ??= setTimeout(() => {
				timer = undefined;
				setVersion(tail.version);
			}, flushMs);
		});
		return () => {
			off();
			clearTimeout(timer);
		};
	}, [tail, flushMs]);
	return useMemo(
		() => tail.newest(count, skip, jobId === undefined ? undefined : line => line.jobId === jobId),
		// `version` is the tail's change counter: a new version means new lines to read.
		// eslint-disable-next-line react-hooks/exhaustive-deps
		[tail, version, count, skip, jobId],
	);
}
