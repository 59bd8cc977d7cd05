/** What the action keys (r, p, c, R) do on the main screen and in the job view. */
import type {JobView, LiveRunView} from '../../protocol/snapshot.js';
import {heartbeatRunRefusal} from '../heartbeat-text.js';
import type {KeyContext} from './key-context.js';
import {say, selectedIndex} from './key-context.js';

/** The id of the job a key is about: the selected job's, or the job's of the selected run, failure or log line. */
export function jobIdInQuestion(context: KeyContext): string | undefined {
	const state = context.getState();
	const failure = () => context.failures[selectedIndex(context, 'failures')]?.run;
	return {
		jobs: () => context.jobs[selectedIndex(context, 'jobs')]?.id,
		running: () => context.live[selectedIndex(context, 'running')]?.jobId,
		services: () => undefined,
		// A service's failed start names the service, not a job.
		failures: () => (failure()?.trigger === 'service' ? undefined : failure()?.jobId),
		log: () => context.tail.at(state.log.selected ?? context.tail.window(1, state.log.bottom, context.logFilter)[0]?.seq ?? -1)?.jobId,
	}[state.focus]();
}

/** The job a key is about (jobIdInQuestion), while jobs.yaml still has it. */
export function jobInQuestion(context: KeyContext): JobView | undefined {
	const jobId = jobIdInQuestion(context);
	return context.allJobs.find(job => job.id === jobId);
}

/**
 * Says why a key about a job did nothing: no row names one, or the one named (a failure's, a log
 * line's, an open view's) has left jobs.yaml since.
 */
export function sayNoJob(context: KeyContext, jobId: string | undefined): void {
	// In the log, a line without a job is one of the scheduler's own (a start, a reload): no row is unselected.
	const none = context.getState().focus === 'log' ? 'the selected log line is the scheduler\'s own, not a job\'s' : 'no job selected';
	say(context, jobId === undefined ? none : `no job "${jobId}" in jobs.yaml now`, jobId === undefined ? 'info' : 'bad');
}

/** `r`: runs now; a disabled job only after a yes; a heartbeat job never (it says why). `asked`: the job id the key was about. */
export function runJob(context: KeyContext, job: JobView | undefined, asked = jobIdInQuestion(context)): void {
	if (!job) {
		sayNoJob(context, asked);
	} else if (job.heartbeat) {
		say(context, heartbeatRunRefusal(job.id), 'bad');
	} else if (job.enabled) {
		context.actions.runJob(job.id);
	} else {
		context.dispatch({type: 'confirm', question: `${job.id} is disabled in jobs.yaml (enabled: false). Run it once anyway?`, action: {kind: 'run', jobId: job.id}});
	}
}

/** `b`: asks for the trading days to backfill; a heartbeat job has nothing to run for them (it says why). */
export function backfillJob(context: KeyContext, job: JobView | undefined, asked = jobIdInQuestion(context)): void {
	if (!job) {
		sayNoJob(context, asked);
	} else if (job.heartbeat) {
		say(context, heartbeatRunRefusal(job.id), 'bad');
	} else {
		context.dispatch({type: 'prompt', prompt: {purpose: 'backfill', jobId: job.id, text: ''}});
	}
}

/** `p`: pauses or resumes. `asked`: the job id the key was about. */
export function pauseJob(context: KeyContext, job: JobView | undefined, asked = jobIdInQuestion(context)): void {
	if (job) {
		// Resumed while the whole scheduler is paused, it still does not fire: `resumed JOB` alone read as if it would.
		// As of the newest snapshot and the `p` just before, not the frame: `p p` within a second paused twice.
		const paused = context.pausedNow?.(job.id) ?? job.paused;
		const held = paused && context.schedulerPaused?.() ? 'the whole scheduler is paused: nothing fires until sage-console resume --all' : undefined;
		context.actions.setPaused(job.id, !paused, held);
	} else {
		sayNoJob(context, asked);
	}
}

/**
 * `c`: asks before cancelling the selected live run, or the selected job's running or waiting run (as
 * of the newest snapshot, with one `r` has just started: the frame is drawn once a second).
 */
export function cancelRun(context: KeyContext): void {
	const state = context.getState();
	const job = jobInQuestion(context);
	const liveNow = context.liveNow();
	const run = state.focus === 'running' ? context.live[selectedIndex(context, 'running')] : liveNow.find(live => live.jobId === job?.id);
	const coming = state.focus === 'running' || !job ? undefined : context.runComing(job.id);
	if (!run && coming) {
		cancelWhenAnswered(context, job!.id, coming);
		return;
	}

	// A failure whose next attempt waits for its backoff: that attempt is dropped, as `c` in the run's detail
	// and `sage-console cancel RUN` drop it (it said `nothing running to cancel here`).
	const failure = state.focus === 'failures' ? context.failures[selectedIndex(context, 'failures')]?.run : undefined;
	if (!run && failure && job?.retry?.after === failure.id) {
		context.actions.cancel(failure.id, failure.jobId);
		return;
	}

	if (!run) {
		// The hint only where it helps: not in the running panel itself, not when nothing runs at all.
		const hint = state.focus === 'running' || liveNow.length === 0 ? '' : ' here (Tab to the running panel)';
		say(context, `nothing running to cancel${hint}`, 'bad');
		return;
	}

	askCancel(context, run);
}

/**
 * `c` in a job's view: its running or waiting run, as of the newest snapshot (with one `r` has just
 * started); with none, its next attempt waiting for its backoff, which the view names (`sage-console
 * cancel N drops it`), is dropped.
 */
export function cancelJobRun(context: KeyContext, jobId: string): void {
	const run = context.liveNow().find(live => live.jobId === jobId);
	const coming = context.runComing(jobId);
	const retry = context.allJobs.find(job => job.id === jobId)?.retry;
	if (run) {
		askCancel(context, run);
	} else if (coming) {
		cancelWhenAnswered(context, jobId, coming);
	} else if (retry) {
		context.actions.cancel(retry.after, jobId);
	} else {
		say(context, `nothing of ${jobId} running to cancel`, 'bad');
	}
}

/**
 * `c` typed before the scheduler answered the `r` just before it (keys read in one go, "rc"): the
 * question about that run is asked once the answer names it. Not started (refused, or the request
 * failed), `r`'s own answer says why; a run that ends before the yes is refused by the cancel's answer.
 */
function cancelWhenAnswered(context: KeyContext, jobId: string, coming: Promise<LiveRunView | undefined>): void {
	say(context, `waiting for the run of ${jobId} just asked for, to cancel it…`);
	void coming.then(run => {
		if (run) {
			askCancel(context, run);
		}
	});
}

/** Asks `y/N` before cancelling `run` (a live run, or the one a run's detail shows), naming its progress. */
export function askCancel(context: KeyContext, run: Pick<LiveRunView, 'runId' | 'jobId' | 'progress' | 'status'>): void {
	const progress = run.progress === undefined ? '' : ` at ${Math.round(run.progress * 100)}%`;
	const waiting = run.status === 'queued' ? ' (queued, not started)' : '';
	context.dispatch({type: 'confirm', question: `Cancel run ${run.runId} of ${run.jobId}${progress}${waiting}?`, action: {kind: 'cancel', runId: run.runId, jobId: run.jobId}});
}

export function retryRun(context: KeyContext): void {
	const state = context.getState();
	const job = jobInQuestion(context);
	const failure = state.focus === 'failures' ? context.failures[selectedIndex(context, 'failures')]?.run : undefined;
	const run = failure ?? (job?.lastRun && job.lastRun.status !== 'success' ? job.lastRun : undefined);
	if (run) {
		context.actions.retry(run.id, run.jobId);
	} else {
		say(context, 'select a failed run to retry (f, then ↑↓)', 'bad');
	}
}
