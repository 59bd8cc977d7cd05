/** What the action keys (r, p, c, R) do on the main screen and in the job view. */
import type {JobView} from '../../protocol/snapshot.js';
import type {KeyContext} from './key-context.js';
import {say, selectedIndex} from './key-context.js';

/** The job a key is about: the selected job, or the job of the selected run, failure or log line. */
export function jobInQuestion(context: KeyContext): JobView | undefined {
	const state = context.getState();
	const jobId = {
		jobs: () => context.jobs[selectedIndex(context, 'jobs')]?.id,
		running: () => context.live[selectedIndex(context, 'running')]?.jobId,
		services: () => undefined,
		failures: () => context.failures[selectedIndex(context, 'failures')]?.run.jobId,
		log: () => context.tail.at(state.log.selected ?? context.tail.window(1, state.log.bottom, context.logFilter)[0]?.seq ?? -1)?.jobId,
	}[state.focus]();
	return context.allJobs.find(job => job.id === jobId);
}

/** `r`: runs now; a disabled job only after a yes. */
export function runJob(context: KeyContext, job: JobView | undefined): void {
	if (!job) {
		say(context, 'no job selected');
	} else if (job.enabled) {
		context.actions.runJob(job.id);
	} else {
		context.dispatch({type: 'confirm', question: `${job.id} is disabled in jobs.yaml (enabled: false). Run it once anyway?`, action: {kind: 'run', jobId: job.id}});
	}
}

export function pauseJob(context: KeyContext, job: JobView | undefined): void {
	if (job) {
		context.actions.setPaused(job.id, !job.paused);
	}
}

/** `c`: asks before cancelling the selected live run (or the selected job's). */
export function cancelRun(context: KeyContext): void {
	const state = context.getState();
	const job = jobInQuestion(context);
	const run = state.focus === 'running' ? context.live[selectedIndex(context, 'running')] : context.live.find(live => live.jobId === job?.id);
	if (!run) {
		// The hint only where it helps: not in the running panel itself, not when nothing runs at all.
		const hint = state.focus === 'running' || context.live.length === 0 ? '' : ' here (Tab to the running panel)';
		say(context, `nothing running to cancel${hint}`, 'bad');
		return;
	}

	const progress = run.progress === undefined ? '' : ` at ${Math.round(run.progress * 100)}%`;
	context.dispatch({type: 'confirm', question: `Cancel run ${run.runId} of ${run.jobId}${progress}?`, action: {kind: 'cancel', runId: run.runId, jobId: run.jobId}});
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
