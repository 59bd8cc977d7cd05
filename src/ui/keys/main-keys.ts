import type {JobView} from '../../protocol/snapshot.js';
import type {KeyAction} from '../keymap.js';
import type {KeyContext} from './key-context.js';
import {say} from './key-context.js';
import {findInLog, logToEnd, moveInLog, openLogLine} from './log-keys.js';

/** `q`: asks when runs are live (leaving cancels them or waits), else quits at once. */
export function quit(context: KeyContext): void {
	// The newest snapshot, not the last frame: a run may have started since it was drawn.
	if (context.liveRunning() > 0) {
		context.dispatch({type: 'open', overlay: {kind: 'quit'}});
	} else {
		context.onQuit('cancel');
	}
}

/** The job a key is about: the selected job, or the job of the selected run, failure or log line. */
function jobInQuestion(context: KeyContext): JobView | undefined {
	const state = context.getState();
	const jobId = {
		jobs: () => context.jobs[state.cursor.jobs]?.id,
		running: () => context.live[state.cursor.running]?.jobId,
		failures: () => context.failures[state.cursor.failures]?.run.jobId,
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
function cancelRun(context: KeyContext): void {
	const state = context.getState();
	const job = jobInQuestion(context);
	const run = state.focus === 'running' ? context.live[state.cursor.running] : context.live.find(live => live.jobId === job?.id);
	if (!run) {
		say(context, 'nothing running to cancel here (Tab to the running panel)', 'bad');
		return;
	}

	const progress = run.progress === undefined ? '' : ` at ${Math.round(run.progress * 100)}%`;
	context.dispatch({type: 'confirm', question: `Cancel run ${run.runId} of ${run.jobId}${progress}?`, action: {kind: 'cancel', runId: run.runId, jobId: run.jobId}});
}

function retryRun(context: KeyContext): void {
	const state = context.getState();
	const job = jobInQuestion(context);
	const failure = state.focus === 'failures' ? context.failures[state.cursor.failures]?.run : undefined;
	const run = failure ?? (job?.lastRun && job.lastRun.status !== 'success' ? job.lastRun : undefined);
	if (run) {
		context.actions.retry(run.id, run.jobId);
	} else {
		say(context, 'select a failed run to retry (f, then ↑↓)', 'bad');
	}
}

function open(context: KeyContext): void {
	const state = context.getState();
	switch (state.focus) {
		case 'jobs': {
			const job = context.jobs[state.cursor.jobs];
			if (job) {
				context.actions.openJob(job.id);
			}

			break;
		}

		case 'running': {
			const run = context.live[state.cursor.running];
			if (run) {
				context.actions.openRun(run.runId);
			} else {
				say(context, 'nothing running');
			}

			break;
		}

		case 'failures': {
			const row = context.failures[state.cursor.failures];
			if (row) {
				context.actions.openRun(row.run.id);
			} else {
				say(context, 'no failures today');
			}

			break;
		}

		case 'log': {
			openLogLine(context);
			break;
		}
	}
}

function moveCursor(context: KeyContext, delta: number): void {
	const {focus} = context.getState();
	if (focus === 'log') {
		moveInLog(context, delta, Math.abs(delta) > 1);
		return;
	}

	const count = {jobs: context.jobs.length, running: context.live.length, failures: context.failures.length}[focus];
	context.dispatch({type: 'move', list: focus, delta, count});
}

/** A key on the main screen; what it does depends on the focused panel. */
export function handleMainKey(context: KeyContext, action: KeyAction | undefined): void {
	const {dispatch} = context;
	const state = context.getState();
	const page = Math.max(1, context.logRows - 1);
	switch (action) {
		case 'up': moveCursor(context, -1); break;
		case 'down': moveCursor(context, 1); break;
		case 'page-up': moveCursor(context, -page); break;
		case 'page-down': moveCursor(context, page); break;
		case 'top':
		case 'bottom': {
			if (state.focus === 'log') {
				logToEnd(context, action);
			} else {
				moveCursor(context, action === 'top' ? -1e9 : 1e9);
			}

			break;
		}

		case 'next-panel': dispatch({type: 'focus-next', delta: 1}); break;
		case 'prev-panel': dispatch({type: 'focus-next', delta: -1}); break;
		case 'open': open(context); break;
		case 'back': {
			if (state.filter) {
				dispatch({type: 'set-filter', text: ''});
			}

			dispatch({type: 'focus', panel: 'jobs'});
			break;
		}

		case 'run': runJob(context, jobInQuestion(context)); break;
		case 'pause': pauseJob(context, jobInQuestion(context)); break;
		case 'cancel': cancelRun(context); break;
		case 'retry': retryRun(context); break;
		case 'backfill': {
			const job = jobInQuestion(context);
			if (job) {
				dispatch({type: 'prompt', prompt: {purpose: 'backfill', jobId: job.id, text: ''}});
			}

			break;
		}

		case 'failures': dispatch({type: 'focus', panel: 'failures'}); break;
		case 'log': dispatch({type: 'focus', panel: 'log'}); break;
		case 'log-scope': dispatch({type: 'toggle-log-scope'}); break;
		case 'search': {
			if (state.focus === 'jobs') {
				dispatch({type: 'prompt', prompt: {purpose: 'filter', text: state.filter}});
			} else {
				dispatch({type: 'focus', panel: 'log'});
				dispatch({type: 'prompt', prompt: {purpose: 'search', text: ''}});
			}

			break;
		}

		case 'next-match':
		case 'prev-match': {
			dispatch({type: 'focus', panel: 'log'});
			findInLog(context, action === 'next-match' ? -1 : 1);
			break;
		}

		case 'command': dispatch({type: 'prompt', prompt: {purpose: 'command', text: ''}}); break;
		case 'mouse': {
			dispatch({type: 'toggle-mouse'});
			say(context, state.mouse ? 'mouse wheel off' : 'mouse wheel on: it scrolls the focused panel (select text with Shift)');
			break;
		}

		case 'help': dispatch({type: 'open', overlay: {kind: 'help'}}); break;
		case 'quit': quit(context); break;
		default: break;
	}
}
