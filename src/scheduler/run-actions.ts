/** The operator's cancel and retry of one run, with the reason when it cannot be done. */
import type {CancelResult, SubmitResult} from '../protocol/messages.js';
import type {FireTimer} from './fire-timer.js';
import type {LiveRuns} from './live-runs.js';
import type {RunDispatch} from './run-dispatch.js';
import type {RunRecorder} from './run-recorder.js';
import type {RunSequels} from './run-sequels.js';

export type RunActionParts = {
	dispatch: RunDispatch;
	live: LiveRuns;
	recorder: RunRecorder;
	sequels: Pick<RunSequels, 'retryNow' | 'latestRetry' | 'comingAttempt' | 'cancelWaitingRetry'>;
	timer: Pick<FireTimer, 'get'>;
};

/**
 * Cancels a queued or running run; of one that ended with its next attempt waiting for its backoff
 * (its own, or its latest retry's), that attempt is not run (`droppedAttempt` names it).
 */
export function cancelRun(parts: RunActionParts, runId: number): CancelResult {
	if (parts.dispatch.cancelQueued(runId)) {
		return {ok: true};
	}

	const live = parts.live.get(runId);
	if (!live) {
		const record = parts.recorder.get(runId);
		if (record?.trigger === 'service') {
			return {ok: false, reason: `run ${runId} is a start of the service ${record.jobId}: stop the service instead (x in the console's Services panel, or sage-console stop ${record.jobId})`};
		}

		const dropped = record && parts.sequels.cancelWaitingRetry(runId, record.jobId);
		if (dropped) {
			return {ok: true, droppedAttempt: dropped};
		}

		return {ok: false, reason: record ? `run ${runId} has ended (${record.status})` : `no run ${runId}`};
	}

	parts.live.cancel(live, 'cancel');
	return {ok: true};
}

/**
 * Runs a run's job again with its parameters and trade date, as the next attempt, of a run that did not
 * succeed (a success is refused, as the console's R refuses it: run the job instead). One live retry per
 * chain: refused while an earlier retry of it (the operator's or the job's own `retries:`, followed
 * through their retries) is queued or running, or has ended with its own next attempt still to come,
 * naming that run; once the chain has ended, the operator may ask again. A retry of the run waiting
 * for its backoff is asked for now.
 */
export function retryRun(parts: RunActionParts, runId: number): SubmitResult {
	const previous = parts.recorder.get(runId);
	if (!previous) {
		return {ok: false, reason: `no run ${runId}`};
	}

	if (previous.status === 'queued' || previous.status === 'running') {
		return {ok: false, reason: `run ${runId} is still ${previous.status}`};
	}

	if (previous.trigger === 'service') {
		return {ok: false, reason: `run ${runId} was a start of the service ${previous.jobId}: start the service again instead (s in the console's Services panel, or sage-console start ${previous.jobId})`};
	}

	// The console's R refuses a success too: a retry is the next attempt of something that did not work.
	if (previous.status === 'success') {
		return {ok: false, reason: `run ${runId} succeeded: nothing to retry (to run ${previous.jobId} again: sage-console run ${previous.jobId})`};
	}

	if (!parts.timer.get(previous.jobId)) {
		return {ok: false, reason: `run ${runId}'s job ${previous.jobId} is no longer in jobs.yaml: nothing to retry it with`};
	}

	const earlier = parts.sequels.latestRetry(runId);
	const earlierStatus = earlier === undefined ? undefined : parts.recorder.get(earlier)?.status;
	if (earlierStatus === 'queued' || earlierStatus === 'running') {
		return {ok: false, reason: `run ${runId} is already being retried as run ${earlier} (${earlierStatus})`};
	}

	// 27 retried as 29, which failed with its attempt 3 still to come: another attempt 2 would run beside it.
	const coming = earlier === undefined ? undefined : parts.sequels.comingAttempt(earlier);
	if (coming) {
		const when = coming.at === undefined ? 'is coming' : 'waits for its backoff';
		return {ok: false, reason: `run ${runId} is already being retried as run ${earlier} (${earlierStatus ?? 'ended'}), whose attempt ${coming.attempt} ${when}: retry run ${earlier} to run it now`};
	}

	return parts.sequels.retryNow(previous);
}
