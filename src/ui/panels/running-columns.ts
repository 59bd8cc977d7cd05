/**
 * The widths of the Running panel's columns after a run's message (elapsed time, run id, attempt): each as
 * wide as the widest text of the runs shown and a blank before it, so the message gets every other cell.
 * Fixed widths (8, 10 and 4 cells) left it none at 60 columns, where it vanished after the bar.
 */
import type {LiveRunView} from '../../protocol/snapshot.js';
import {formatElapsed} from '../relative-time.js';
import {displayWidth} from '../text-fit.js';

export type RunningColumns = {elapsed: number; runId: number; attempt: number};

/** A run's elapsed time, `run N`, and `#N` from its second attempt. */
export function runTailTexts(run: LiveRunView, now: number): {elapsed: string; runId: string; attempt: string} {
	return {
		elapsed: run.startedAt === undefined ? '' : formatElapsed(now - run.startedAt),
		runId: `run ${run.runId}`,
		attempt: run.attempt > 1 ? `#${run.attempt}` : '',
	};
}

/** The elapsed column keeps room for `59m59s`, so it does not jump as the seconds count. */
export function runningColumns(runs: readonly LiveRunView[], now: number): RunningColumns {
	const texts = runs.map(run => runTailTexts(run, now));
	const widest = (pick: (text: ReturnType<typeof runTailTexts>) => string, floor = 0) => Math.max(floor, ...texts.map(text => displayWidth(pick(text))));
	const gap = (width: number) => (width === 0 ? 0 : width + 1);
	return {
		elapsed: gap(widest(text => text.elapsed, 6)),
		runId: gap(widest(text => text.runId)),
		attempt: gap(widest(text => text.attempt)),
	};
}
