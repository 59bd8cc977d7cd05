import {useInput, type Key} from 'ink';
import {useLayoutEffect, useRef, type Dispatch} from 'react';
import type {RunRecord} from '../core/run-record.js';
import type {JobView, LiveRunView, RunSummary} from '../protocol/snapshot.js';
import type {ConsoleActions} from './console-actions.js';
import {actionFor, type KeyAction} from './keymap.js';
import {detailLines} from './overlays/run-detail.js';
import type {ConsoleAction, ConsoleState} from './state/console-state.js';

export type QuitMode = 'wait' | 'cancel';

export type KeyContext = {
	actions: ConsoleActions;
	/** Runs going now, as of the newest snapshot (for quit). */
	liveRunning: () => number;
	/** The state as of the last key, even before React has re-rendered. */
	getState: () => ConsoleState;
	dispatch: Dispatch<ConsoleAction>;
	jobs: readonly JobView[];
	live: readonly LiveRunView[];
	failures: readonly RunSummary[];
	logPage: number;
	logMax: number;
	detailPage: number;
	onQuit: (mode: QuitMode) => void;
};

function countIn(context: KeyContext): number {
	switch (context.getState().focus) {
		case 'jobs': {
			return context.jobs.length;
		}

		case 'running': {
			return context.live.length;
		}

		case 'failures': {
			return context.failures.length;
		}

		case 'log': {
			return 0;
		}
	}
}

function runJob(context: KeyContext, job: JobView | undefined): void {
	if (!job) {
		return;
	}

	context.actions.runJob(job.id);
}

function cancelRun(context: KeyContext, selectedJob: JobView | undefined): void {
	const {live, actions, dispatch} = context;
	const state = context.getState();
	const run = state.focus === 'running' ? live[state.cursor.running] : live.find(candidate => candidate.jobId === selectedJob?.id);
	if (!run) {
		dispatch({type: 'say', text: 'nothing running to cancel here (Tab to the running panel)', tone: 'bad'});
		return;
	}

	actions.cancel(run.runId, run.jobId);
}

function retryRun(context: KeyContext, run: RunSummary | RunRecord | undefined): void {
	if (!run) {
		context.dispatch({type: 'say', text: 'select a failed run to retry (f, then ↑↓)', tone: 'bad'});
		return;
	}

	context.actions.retry(run.id, run.jobId);
}

function openDetail(context: KeyContext, selectedJob: JobView | undefined): void {
	const {dispatch, failures} = context;
	const state = context.getState();
	const run = state.focus === 'failures' ? failures[state.cursor.failures] : selectedJob?.lastRun;
	if (run) {
		context.actions.openRun(run.id);
	} else {
		dispatch({type: 'say', text: state.focus === 'failures' ? 'no failures today' : 'this job has not run yet', tone: 'info'});
	}
}

const isoDay = /^\d{4}-\d\d-\d\d$/;

/** `2026-11-02` or `2026-11-02 2026-11-06`: queue a backfill run per trading day. */
function handleBackfillInput(context: KeyContext, overlay: {jobId: string; text: string}, input: string, key: Key): void {
	const {dispatch, actions} = context;
	if (key.escape) {
		dispatch({type: 'close'});
	} else if (key.backspace || key.delete) {
		dispatch({type: 'backfill-type', text: overlay.text.slice(0, -1)});
	} else if (key.return) {
		const [from, to = from] = overlay.text.trim().split(/\s+|\.\.|,/).filter(Boolean);
		if (!from || !isoDay.test(from) || !isoDay.test(to!) || to! < from) {
			dispatch({type: 'say', text: 'backfill needs a date or a range: 2026-11-02 2026-11-06', tone: 'bad'});
			return;
		}

		actions.backfill(overlay.jobId, from, to!);
		dispatch({type: 'close'});
	} else if (input && !key.ctrl && !key.meta) {
		dispatch({type: 'backfill-type', text: overlay.text + input});
	}
}

function handleDetail(context: KeyContext, action: KeyAction | undefined, run: RunRecord): void {
	const max = Math.max(0, detailLines(run).length - context.detailPage);
	const scroll = (delta: number) => context.dispatch({type: 'scroll-detail', delta, max});
	switch (action) {
		case 'up': scroll(-1); break;
		case 'down': scroll(1); break;
		case 'page-up': scroll(-context.detailPage); break;
		case 'page-down': scroll(context.detailPage); break;
		case 'retry': retryRun(context, run); context.dispatch({type: 'close'}); break;
		case 'back':
		case 'open':
		case 'quit': context.dispatch({type: 'close'}); break;
		default: break;
	}
}

function handleMain(context: KeyContext, action: KeyAction | undefined): void {
	const {dispatch, actions} = context;
	const state = context.getState();
	const selectedJob = context.jobs[state.cursor.jobs];
	const logScroll = (delta: number) => dispatch({type: 'scroll-log', delta, max: context.logMax});
	switch (action) {
		case 'up':
		case 'down': {
			const delta = action === 'up' ? -1 : 1;
			if (state.focus === 'log') {
				logScroll(-delta);
			} else {
				dispatch({type: 'move', delta, count: countIn(context)});
			}

			break;
		}

		case 'next-panel': dispatch({type: 'focus-next'}); break;
		case 'open': openDetail(context, selectedJob); break;
		case 'back': {
			if (state.filter) {
				dispatch({type: 'filter-type', text: ''});
			}

			dispatch({type: 'focus', panel: 'jobs'});
			break;
		}

		case 'run': runJob(context, selectedJob); break;
		case 'pause': {
			if (selectedJob) {
				actions.setPaused(selectedJob.id, !selectedJob.paused);
			}

			break;
		}

		case 'cancel': cancelRun(context, selectedJob); break;
		case 'retry': {
			const lastFailed = selectedJob?.lastRun && selectedJob.lastRun.status !== 'success' ? selectedJob.lastRun : undefined;
			retryRun(context, state.focus === 'failures' ? context.failures[state.cursor.failures] : lastFailed);
			break;
		}

		case 'failures': dispatch({type: 'focus', panel: 'failures'}); break;
		case 'log': dispatch({type: 'focus', panel: 'log'}); break;
		case 'log-scope': dispatch({type: 'toggle-log-scope'}); break;
		case 'page-up': logScroll(context.logPage); break;
		case 'page-down': logScroll(-context.logPage); break;
		case 'filter': dispatch({type: 'open', overlay: {kind: 'filter'}}); break;
		case 'backfill': {
			if (selectedJob) {
				dispatch({type: 'open', overlay: {kind: 'backfill', jobId: selectedJob.id, text: ''}});
			}

			break;
		}

		case 'help': dispatch({type: 'open', overlay: {kind: 'help'}}); break;
		case 'quit': {
			// The newest snapshot, not the last frame: a run may have started since it was drawn.
			if (context.liveRunning() > 0) {
				dispatch({type: 'open', overlay: {kind: 'quit'}});
			} else {
				context.onQuit('cancel');
			}

			break;
		}

		default: break;
	}
}

/** One keyboard handler; what a key does depends on the overlay and the focused panel. */
export function useConsoleKeys(current: KeyContext): void {
	// Ink re-subscribes the handler after a render's effects run; a key pressed right after a frame
	// is drawn would otherwise act on the frame before it (a second `p` pausing again).
	const latest = useRef(current);
	useLayoutEffect(() => {
		// In the same commit as the frame (Ink writes it before layout effects run).
		latest.current = current;
	});
	useInput((input, key) => {
		const context = latest.current;
		// Keys typed faster than the terminal reads them arrive as one chunk ("jr"): take them one by one.
		const typing = ['filter', 'backfill'].includes(context.getState().overlay.kind);
		if (input.length > 1 && !key.ctrl && !key.meta && !typing) {
			for (const char of input) {
				handleKey(context, char, {...key, return: char === '\r' || char === '\n', tab: char === '\t', shift: char !== char.toLowerCase()});
			}

			return;
		}

		handleKey(context, input, key);
	});
}

function handleKey(context: KeyContext, input: string, key: Key): void {
	const {dispatch} = context;
	const overlay = context.getState().overlay;
	if (overlay.kind === 'filter') {
		if (key.return) {
			dispatch({type: 'close'});
		} else if (key.escape) {
			dispatch({type: 'filter-type', text: ''});
			dispatch({type: 'close'});
		} else if (key.backspace || key.delete) {
			dispatch({type: 'filter-backspace'});
		} else if (input && !key.ctrl && !key.meta && !key.upArrow && !key.downArrow && !key.tab) {
			dispatch({type: 'filter-append', text: input});
		}

		return;
	}

	if (overlay.kind === 'backfill') {
		handleBackfillInput(context, overlay, input, key);
		return;
	}

	if (overlay.kind === 'quit') {
		if (input === 'w') {
			context.onQuit('wait');
		} else if (input === 'c' || (key.ctrl && input === 'c')) {
			context.onQuit('cancel');
		} else if (input === 's' || key.escape) {
			dispatch({type: 'close'});
		}

		return;
	}

	const action = actionFor(input, key);
	if (overlay.kind === 'help') {
		if (action === 'back' || action === 'help' || action === 'open') {
			dispatch({type: 'close'});
		} else if (action === 'quit') {
			dispatch({type: 'close'});
			handleMain(context, action);
		}

		return;
	}

	if (overlay.kind === 'detail') {
		handleDetail(context, action, overlay.run);
		return;
	}

	handleMain(context, action);
}
