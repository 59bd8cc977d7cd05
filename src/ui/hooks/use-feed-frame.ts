import {useEffect, useState} from 'react';
import type {SchedulerSnapshot} from '../../protocol/snapshot.js';
import type {SchedulerFeed} from '../scheduler-feed.js';

export type FeedFrame = {snapshot: SchedulerSnapshot; tailVersion: number; gone?: string};

/**
 * What the console draws, at most every `intervalMs`: the scheduler's patches and log lines arrive as
 * they come and are folded into one redraw (never a render per log line).
 */
export function useFeedFrame(feed: SchedulerFeed, intervalMs = 150): FeedFrame {
	const read = (): FeedFrame => ({snapshot: feed.snapshot, tailVersion: feed.tail.version, gone: feed.gone});
	const [frame, setFrame] = useState<FeedFrame>(read);
	useEffect(() => {
		let timer: NodeJS.Timeout | undefined;
		const off = feed.subscribe(() => {
			timer ??= setTimeout(() => {
				timer = undefined;
				setFrame({snapshot: feed.snapshot, tailVersion: feed.tail.version, gone: feed.gone});
			}, intervalMs);
		});
		return () => {
			off();
			clearTimeout(timer);
		};
	}, [feed, intervalMs]);
	return frame;
}
