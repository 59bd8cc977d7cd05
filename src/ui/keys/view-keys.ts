import type {KeyAction} from '../keymap.js';
import type {Overlay, PendingAction} from '../state/console-state.js';
import {cursorAt} from '../state/list-cursor.js';
import type {KeyContext} from './key-context.js';
import {say, unsay} from './key-context.js';
import {askCancel, backfillJob, cancelJobRun, pauseJob, runJob} from './act-keys.js';
import {answerService, controlService} from './service-keys.js';
import {cancellable, retriable} from './run-detail-acts.js';

/** Scrolls a detail or job view to `to`, within its lines. */
function scrollView(context: KeyContext, to: number, match?: number): void {
	const max = Math.max(0, context.viewLines.length - context.viewPage);
	context.dispatch({type: 'scroll-detail', to: Math.min(Math.max(0, to), max), match});
}

/** The next line of the open view with the search term, below (1) or above (-1) the top line. */
export function findInView(context: KeyContext, direction: -1 | 1, includeTop = false): void {
	const {search: term, detailScroll, viewMatch} = context.getState();
	if (!term) {
		say(context, 'no search yet: / to search', 'bad');
		return;
	}

	const needle = term.toLowerCase();
	const lines = context.viewLines;
	const from = viewMatch ?? detailScroll;
	for (let at = includeTop ? detailScroll : from + direction; at >= 0 && at < lines.length; at += direction) {
		if (lines[at]!.toLowerCase().includes(needle)) {
			unsay(context);
			scrollView(context, at, at);
			return;
		}
	}

	say(context, `no ${direction > 0 ? 'further' : 'earlier'} line with "${term}"`, 'bad');
}

/** Keys every scrolling view shares: moving, search, back. @returns whether the key was one of them */
function scrollingKeys(context: KeyContext, action: KeyAction | undefined): boolean {
	const top = context.getState().detailScroll;
	const page = Math.max(1, context.viewPage - 1);
	switch (action) {
		case 'up': scrollView(context, top - 1); return true;
		case 'down': scrollView(context, top + 1); return true;
		case 'page-up': scrollView(context, top - page); return true;
		case 'page-down': scrollView(context, top + page); return true;
		case 'top': scrollView(context, 0); return true;
		case 'bottom': scrollView(context, Number.MAX_SAFE_INTEGER); return true;
		case 'search': context.dispatch({type: 'prompt', prompt: {purpose: 'search', text: ''}}); return true;
		case 'next-match': findInView(context, 1); return true;
		case 'prev-match': findInView(context, -1); return true;
		case 'back':
		case 'quit': context.dispatch({type: 'close'}); return true;
		case 'help': context.dispatch({type: 'open', overlay: {kind: 'help'}}); return true;
		default: return false;
	}
}

function jobViewKey(context: KeyContext, overlay: Extract<Overlay, {kind: 'job'}>, action: KeyAction | undefined): void {
	const job = context.allJobs.find(candidate => candidate.id === overlay.jobId);
	const newest = overlay.detail?.recentRuns[0];
	switch (action) {
		case 'run': runJob(context, job, overlay.jobId); break;
		case 'pause': pauseJob(context, job, overlay.jobId); break;
		case 'cancel': cancelJobRun(context, overlay.jobId); break;
		case 'backfill': {
			// A job gone from jobs.yaml is still asked for its days: the scheduler's answer says it is gone.
			if (job?.heartbeat) {
				backfillJob(context, job, overlay.jobId);
			} else {
				context.dispatch({type: 'prompt', prompt: {purpose: 'backfill', jobId: overlay.jobId, text: ''}});
			}

			break;
		}

		case 'open': {
			if (newest) {
				context.actions.openRun(newest.id, overlay);
			} else {
				say(context, `${overlay.jobId} has not run yet`);
			}

			break;
		}

		case 'retry': {
			if (newest && newest.status !== 'success') {
				context.actions.retry(newest.id, newest.jobId);
			}

			break;
		}

		default: scrollingKeys(context, action);
	}
}

function runsKey(context: KeyContext, overlay: Extract<Overlay, {kind: 'runs'}>, action: KeyAction | undefined): void {
	const keys = overlay.runs.map(run => run.id);
	const page = Math.max(1, context.viewPage - 1);
	const move = (delta: number) => context.dispatch({type: 'move', list: 'runs', delta, keys});
	switch (action) {
		case 'up': move(-1); break;
		case 'down': move(1); break;
		case 'page-up': move(-page); break;
		case 'page-down': move(page); break;
		case 'open': {
			const run = overlay.runs[cursorAt(context.getState(), 'runs', keys)];
			if (run) {
				context.actions.openRun(run.id, overlay);
			}

			break;
		}

		case 'back':
		case 'quit': context.dispatch({type: 'close'}); break;
		default: break;
	}
}

/** `R` in a run's detail: a run that ended otherwise than well is retried; for any other, the status line says why not. */
function retryShownRun(context: KeyContext, run: Extract<Overlay, {kind: 'detail'}>['run']): void {
	if (!retriable(run.status)) {
		say(context, `run ${run.id} ${run.status === 'success' ? 'succeeded' : `is ${run.status}`}: nothing to retry`, 'bad');
	} else {
		context.actions.retry(run.id, run.jobId);
	}
}

/**
 * `c` in a run's detail: a queued or running run is cancelled after a `y/N`; of a failed or timed-out one
 * the scheduler drops the next attempt waiting for its backoff, or says it has ended; of any other, the
 * status line says so.
 */
function cancelShownRun(context: KeyContext, run: Extract<Overlay, {kind: 'detail'}>['run']): void {
	if (run.status === 'running' || run.status === 'queued') {
		askCancel(context, {runId: run.id, jobId: run.jobId, progress: run.progress, status: run.status});
	} else if (cancellable(run.status)) {
		context.actions.cancel(run.id, run.jobId);
	} else {
		say(context, `run ${run.id} has ended (${run.status}): nothing to cancel`, 'bad');
	}
}

/** A key while a view covers the panels: a run's detail, a job's or a service's view, a list of runs, help or quit. */
export function handleViewKey(context: KeyContext, overlay: Overlay, action: KeyAction | undefined, input: string): void {
	switch (overlay.kind) {
		case 'detail': {
			if (action === 'retry') {
				retryShownRun(context, overlay.run);
			} else if (action === 'cancel') {
				cancelShownRun(context, overlay.run);
			} else if (action === 'open') {
				context.dispatch({type: 'close'});
			} else {
				scrollingKeys(context, action);
			}

			break;
		}

		case 'service': {
			if (action === 'start-service' || action === 'stop-service' || action === 'restart-service') {
				controlService(context, action === 'start-service' ? 'start' : (action === 'stop-service' ? 'stop' : 'restart'));
			} else if (action === 'open') {
				context.dispatch({type: 'close'});
			} else {
				scrollingKeys(context, action);
			}

			break;
		}

		case 'job': jobViewKey(context, overlay, action); break;
		case 'runs': runsKey(context, overlay, action); break;
		case 'help': {
			if (action === 'help' || action === 'open') {
				context.dispatch({type: 'close'});
			} else if (action !== 'search' && action !== 'next-match' && action !== 'prev-match') {
				scrollingKeys(context, action);
			}

			break;
		}

		case 'quit': {
			if (input === 'w') {
				context.onQuit('wait');
			} else if (input === 'c') {
				context.onQuit('cancel');
			} else if (input === 's' || action === 'back') {
				context.dispatch({type: 'close'});
			}

			break;
		}

		case 'none': break;
	}
}

/** The answer to a y/N question: only `y` goes ahead. */
export function handleConfirmKey(context: KeyContext, action: PendingAction, input: string): void {
	context.dispatch({type: 'answered'});
	const yes = input === 'y' || input === 'Y';
	if (action.kind === 'service') {
		answerService(context, action.verb, action.serviceId, yes);
	} else if (action.kind === 'cancel') {
		if (yes) {
			context.actions.cancel(action.runId, action.jobId);
		} else {
			say(context, `not cancelled: run ${action.runId} of ${action.jobId} goes on`);
		}
	} else if (yes) {
		context.actions.runJob(action.jobId);
	} else {
		say(context, `${action.jobId} not run`);
	}
}
