/**
 * A job turned off (paused, or disabled by a reload) or the whole scheduler paused: its runs still
 * queued for a slot are cancelled before they start, as its next attempts waiting for their backoff are
 * dropped (retries.ts). The operator turned it off, so nothing of it asked for before then starts
 * after; a run asked for by hand afterwards is not touched. A cancelled one that was the job's own next
 * attempt leaves the failure it followed final: its alert, held back while the attempt waited, goes
 * out then. Runs already handed to the workers (`run_on: workers`) wait in their queue, not here: they go on.
 */
import type {RunDispatch} from './run-dispatch.js';
import type {RunRecorder} from './run-recorder.js';
import type {RunSequels} from './run-sequels.js';

export type TurnedOffParts = {
	readonly dispatch: Pick<RunDispatch, 'waitingOf' | 'cancelQueued'>;
	readonly sequels: Pick<RunSequels, 'isOwnAttempt' | 'attemptDropped'>;
	readonly recorder: Pick<RunRecorder, 'get'>;
};

/** Cancels the queued runs of the jobs `turnedOff` picks, each row saying `why` (`sync was paused`). */
export function cancelQueuedOfTurnedOff(parts: TurnedOffParts, turnedOff: (jobId: string) => boolean, why: (jobId: string) => string): void {
	for (const {record, job} of parts.dispatch.waitingOf(turnedOff)) {
		const followed = parts.sequels.isOwnAttempt(record.id) ? record.retryOf : undefined;
		parts.dispatch.cancelQueued(record.id, `cancelled before it started: ${why(record.jobId)}`);
		const previous = followed === undefined ? undefined : parts.recorder.get(followed);
		if (previous) {
			parts.sequels.attemptDropped(previous, job);
		}
	}
}
