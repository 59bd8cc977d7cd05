import type {KeyAction} from '../keymap.js';
import {panelsShown} from '../state/console-state.js';
import type {KeyContext} from './key-context.js';
import {say, selectedIndex} from './key-context.js';
import {backfillJob, cancelRun, jobIdInQuestion, jobInQuestion, pauseJob, retryRun, runJob} from './act-keys.js';
import {findInLog, logToEnd, moveInLog, openLogLine} from './log-keys.js';
import {controlService, serviceInQuestion} from './service-keys.js';
import {startSchedulerHere} from './start-scheduler-key.js';
import {dismissNotices} from '../dismissed-notices.js';

/** Keys about a job or a run, which mean nothing on a service. */
const jobKeys: ReadonlySet<KeyAction | undefined> = new Set(['run', 'pause', 'cancel', 'retry', 'backfill']);

/**
 * `a`: the log of all jobs, or of the selected job. From the running, log or failures panel that is the
 * job the keys there act on (the selected run's, log line's or failure's, as `r` and `p` take it), and
 * the jobs panel's cursor goes to it; not a job left selected in the jobs panel long before.
 */
function toggleLogScope(context: KeyContext): void {
	const state = context.getState();
	const jobId = state.logScope === 'all' && state.focus !== 'jobs' ? jobIdInQuestion(context) : undefined;
	const at = jobId === undefined ? -1 : context.rowKeys.jobs.indexOf(jobId);
	if (at >= 0) {
		context.dispatch({type: 'move', list: 'jobs', keys: context.rowKeys.jobs, delta: at - selectedIndex(context, 'jobs')});
	}

	context.dispatch({type: 'toggle-log-scope'});
}

/** `q`: asks when runs are live (leaving cancels them or waits), else quits at once. */
export function quit(context: KeyContext): void {
	// The newest snapshot, not the last frame: a run may have started since it was drawn.
	if (context.liveRunning() > 0) {
		context.dispatch({type: 'open', overlay: {kind: 'quit'}});
	} else {
		context.onQuit('cancel');
	}
}

function open(context: KeyContext): void {
	const state = context.getState();
	switch (state.focus) {
		case 'jobs': {
			const job = context.jobs[selectedIndex(context, 'jobs')];
			if (job) {
				context.actions.openJob(job.id);
			}

			break;
		}

		case 'running': {
			const run = context.live[selectedIndex(context, 'running')];
			if (run) {
				context.actions.openRun(run.runId);
			} else {
				say(context, 'nothing running');
			}

			break;
		}

		case 'services': {
			const service = serviceInQuestion(context);
			if (service) {
				context.actions.openService(service.id);
			}

			break;
		}

		case 'failures': {
			const row = context.failures[selectedIndex(context, 'failures')];
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

	context.dispatch({type: 'move', list: focus, delta, keys: context.rowKeys[focus]});
}

/** A key on the main screen; what it does depends on the focused panel. */
export function handleMainKey(context: KeyContext, action: KeyAction | undefined): void {
	const {dispatch} = context;
	const state = context.getState();
	// A page of the panel that has the keyboard, less a row kept in sight: the log's paged every list,
	// and a Jobs or Failures panel shorter than the log went past rows never shown.
	const page = Math.max(1, (state.focus === 'log' ? context.logRows : context.listRows?.[state.focus] ?? context.logRows) - 1);
	if (state.focus === 'services' && jobKeys.has(action)) {
		say(context, 'on a service: s start · x stop · X restart · Enter its output and crashes', 'bad');
		return;
	}

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

		case 'next-panel': dispatch({type: 'focus-next', delta: 1, panels: panelsShown(context.services.length > 0)}); break;
		case 'prev-panel': dispatch({type: 'focus-next', delta: -1, panels: panelsShown(context.services.length > 0)}); break;
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
		case 'backfill': backfillJob(context, jobInQuestion(context)); break;

		case 'start-service': controlService(context, 'start'); break;
		case 'stop-service': controlService(context, 'stop'); break;
		case 'restart-service': controlService(context, 'restart'); break;
		case 'failures': dispatch({type: 'focus', panel: 'failures'}); break;
		case 'log': dispatch({type: 'focus', panel: 'log'}); break;
		case 'log-scope': toggleLogScope(context); break;
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

		case 'start-scheduler': startSchedulerHere(context); break;
		case 'dismiss-notice': dismissNotices(context); break;
		case 'help': dispatch({type: 'open', overlay: {kind: 'help'}}); break;
		case 'quit': quit(context); break;
		default: break;
	}
}
