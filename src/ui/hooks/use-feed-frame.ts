import {useEffect, useState} from 'react';
import type {SchedulerSnapshot} from '../../protocol/snapshot.js';
import type {NewestSuccesses} from '../newest-successes.js';
import type {SchedulerClient} from '../../protocol/client.js';
import type {Reattaching, SchedulerFeed} from '../scheduler-feed.js';
import {untilNextTick} from './use-clock.js';

export type FeedFrame = {
	snapshot: SchedulerSnapshot;
	tailVersion: number;
	newestSuccesses: NewestSuccesses;
	gone?: string;
	/** Set while the scheduler is gone and the console tries to re-attach. */
	reattaching?: Reattaching;
	/** The scheduler's client and, when it runs in another process, its pid: both change with a re-attach. */
	client: SchedulerClient;
	pid?: number;
	/** This console started the root's scheduler itself after the one it attached to went away (`S`). */
	schedulingHere: boolean;
};

function frameOf(feed: SchedulerFeed): FeedFrame {
	return {snapshot: feed.snapshot, tailVersion: feed.tail.version, newestSuccesses: feed.newestSuccesses, gone: feed.gone, reattaching: feed.reattaching, client: feed.client, pid: feed.pid, schedulingHere: feed.schedulingHere};
}

/**
 * What the console draws, once a second at most, on the whole second: the scheduler's patches and log
 * lines arrive as they come and are folded into one redraw (never a render per log line). The panels'
 * clock (a live run's elapsed time) ticks on the whole second too, so both land in the same task and
 * React draws them as one frame. While jobs move, the console's CPU is its frame rate: before the frame
 * cache (ink-frame-cache.ts) a frame cost ~16 ms at 120×40, and demo/ drew 4 frames a second at 150 ms
 * (6% of a core), 2.5 at 500 ms (4.5%) and 1 on the second (2.4%). Keys do not wait for this: their
 * frame is drawn at once.
 */
export function useFeedFrame(feed: SchedulerFeed, intervalMs = 1000): FeedFrame {
	const [frame, setFrame] = useState<FeedFrame>(() => frameOf(feed));
	useEffect(() => {
		let timer: NodeJS.Timeout | undefined;
		const off = feed.subscribe(() => {
			timer ??= setTimeout(() => {
				timer = undefined;
				setFrame(frameOf(feed));
			}, untilNextTick(intervalMs, Date.now()));
		});
		return () => {
			off();
			clearTimeout(timer);
		};
	}, [feed, intervalMs]);
	return frame;
}
