/**
 * A job turned off (paused, or disabled by a reload) or the whole scheduler paused: its runs that have
 * not begun are cancelled before they start, as its next attempts waiting for their backoff are
 * dropped (retries.ts). The operator turned it off, so nothing of it asked for before then starts
 * after; a run asked for by hand afterwards is not touched. Those are the runs queued for a slot, and
 * the runs on workers still waiting on their worker queue, which are taken off it (one a worker takes
 * meanwhile goes on, as a run under way does). A cancelled one that was the job's own next attempt
 * leaves the failure it followed final: its alert, held back while the attempt waited, goes out then.
 */
import type {JobDefinition} from '../core/job-definition.js';
import type {LiveRun, LiveRuns} from './live-runs.js';
import type {StoppedRun} from './pause-stops.js';
import type {RunDispatch} from './run-dispatch.js';
import type {RunRecorder} from './run-recorder.js';
import type {RunSequels} from './run-sequels.js';

export type TurnedOffParts = {
	readonly dispatch: Pick<RunDispatch, 'waitingOf' | 'cancelQueued'>;
	readonly live: Pick<LiveRuns, 'all' | 'withdraw'>;
	readonly sequels: Pick<RunSequels, 'isOwnAttempt' | 'attemptDropped'>;
	readonly recorder: Pick<RunRecorder, 'get'>;
};

/**
 * Cancels the runs not begun of the jobs `turnedOff` picks, each saying `why` (`sync was paused`).
 * @returns each such run and what became of it, once the worker queues have answered
 */
export async function cancelQueuedOfTurnedOff(parts: TurnedOffParts, turnedOff: (jobId: string) => boolean, why: (jobId: string) => string): Promise<StoppedRun[]> {
	const message = (jobId: string) => `cancelled before it started: ${why(jobId)}`;
	const stopped: StoppedRun[] = [];
	for (const {record, job} of parts.dispatch.waitingOf(turnedOff)) {
		const followed = followedFailure(parts, record.id, record.retryOf);
		if (parts.dispatch.cancelQueued(record.id, message(record.jobId))) {
			stopped.push({runId: record.id, jobId: record.jobId, was: 'queued'});
		}

		finalNow(parts, followed, job);
	}

	const offQueue = parts.live.all()
		.filter(live => live.waiting === true && turnedOff(live.pending.job.id))
		.map(async live => takeOffQueue(parts, live, message(live.record.jobId)));
	return [...stopped, ...await Promise.all(offQueue)];
}

/** Takes a run waiting for a worker off its queue; its answer, or `withdrawing` when the queue is slow to say. */
async function takeOffQueue(parts: TurnedOffParts, live: LiveRun, message: string): Promise<StoppedRun> {
	const {record, pending: {job}} = live;
	const followed = followedFailure(parts, record.id, record.retryOf);
	const takenBack = parts.live.withdraw(live, message).then(back => {
		if (back) {
			finalNow(parts, followed, job);
		}

		return back ? 'off-queue' as const : 'taken' as const;
	});
	return {runId: record.id, jobId: record.jobId, was: await Promise.race([takenBack, answerOrSo()]), queue: job.workerQueue ?? job.queue};
}

/** How long the answer (a pause's reply) waits for a worker queue to say whether a run was taken off it. */
const queueAnswerMs = 2000;

/** `withdrawing`, once a worker queue has taken queueAnswerMs without answering. */
async function answerOrSo(): Promise<'withdrawing'> {
	return new Promise(resolve => {
		setTimeout(() => resolve('withdrawing'), queueAnswerMs).unref();
	});
}

/** The run `runId` follows when it is the job's own next attempt (its `retries:`, a hand-over); undefined for one asked for by hand. */
function followedFailure(parts: TurnedOffParts, runId: number, retryOf: number | undefined): number | undefined {
	return parts.sequels.isOwnAttempt(runId) ? retryOf : undefined;
}

/** The failure of run `followed` is final: its next attempt will not run. */
function finalNow(parts: TurnedOffParts, followed: number | undefined, job: JobDefinition): void {
	const previous = followed === undefined ? undefined : parts.recorder.get(followed);
	if (previous) {
		parts.sequels.attemptDropped(previous, job);
	}
}
