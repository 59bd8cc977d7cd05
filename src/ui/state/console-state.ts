import {useCallback, useRef, useState, type Dispatch} from 'react';
import {type ConsoleAction, type ConsoleState, type PanelId} from './console-types.js';
import {cursorMoved, cursorsFollowed} from './list-cursor.js';

export * from './console-types.js';

export const initialConsoleState: ConsoleState = {
	focus: 'jobs',
	cursor: {jobs: 0, running: 0, services: 0, failures: 0, runs: 0},
	picked: {},
	filter: '',
	logScope: 'all',
	log: {},
	search: '',
	detailScroll: 0,
	overlay: {kind: 'none'},
	mouse: false,
};

/**
 * The keyboard on `panel`. Coming to the failures from elsewhere starts at their top, the newest run
 * still failing: their cursor is shown only while they have the keyboard, so a row picked hours ago
 * (or the day's first failure, picked when it arrived) is no one's choice any more.
 */
function focusedOn(state: ConsoleState, panel: PanelId): ConsoleState {
	if (panel === 'failures' && state.focus !== 'failures') {
		return {...state, focus: panel, cursor: {...state.cursor, failures: 0}, picked: {...state.picked, failures: undefined}};
	}

	return {...state, focus: panel};
}

export function consoleReducer(state: ConsoleState, action: ConsoleAction): ConsoleState {
	switch (action.type) {
		case 'focus': {
			return focusedOn(state, action.panel);
		}

		case 'focus-next': {
			const {panels} = action;
			// From a panel no longer shown (the services went with a reload), Tab starts from the top.
			const at = Math.max(0, panels.indexOf(state.focus));
			const next = (at + action.delta + panels.length) % panels.length;
			return focusedOn(state, panels[next] ?? 'jobs');
		}

		case 'move': {
			return cursorMoved(state, action.list, action.keys, action.delta);
		}

		case 'follow': {
			return cursorsFollowed(state, action.lists);
		}

		case 'set-filter': {
			return {...state, filter: action.text, cursor: {...state.cursor, jobs: 0}, picked: {...state.picked, jobs: undefined}};
		}

		case 'prompt': {
			return {...state, prompt: action.prompt};
		}

		case 'confirm': {
			return {...state, confirm: {question: action.question, action: action.action}};
		}

		case 'answered': {
			return {...state, confirm: undefined};
		}

		case 'open': {
			return {...state, overlay: action.overlay, detailScroll: 0, viewMatch: undefined, ...(action.overlay.kind === 'runs' ? {cursor: {...state.cursor, runs: 0}, picked: {...state.picked, runs: undefined}} : {})};
		}

		case 'close': {
			const back = state.overlay.kind === 'detail' ? state.overlay.back : undefined;
			return {...state, overlay: back ?? {kind: 'none'}, detailScroll: 0, viewMatch: undefined};
		}

		case 'job-detail': {
			// The answer may come after the operator has moved on: keep it only for the view still open.
			const open = state.overlay.kind === 'job' && state.overlay.jobId === action.jobId;
			return open ? {...state, overlay: {kind: 'job', jobId: action.jobId, detail: action.detail, target: action.target}} : state;
		}

		case 'run-detail': {
			// Only into the detail still open on that run; where it was scrolled to stays.
			const {overlay} = state;
			return overlay.kind === 'detail' && overlay.run.id === action.run.id ? {...state, overlay: {...overlay, run: action.run, notifications: action.notifications}} : state;
		}

		case 'service-detail': {
			// A failed reload keeps what the view had and says why under it.
			const {overlay} = state;
			if (overlay.kind !== 'service' || overlay.serviceId !== action.serviceId) {
				return state;
			}

			return {...state, overlay: {kind: 'service', serviceId: action.serviceId, detail: action.detail ?? overlay.detail, error: action.error}};
		}

		case 'toggle-log-scope': {
			return {...state, logScope: state.logScope === 'all' ? 'selected' : 'all', log: {}};
		}

		case 'log-view': {
			return {...state, log: action.view};
		}

		case 'search': {
			return {...state, search: action.text};
		}

		case 'scroll-detail': {
			return {...state, detailScroll: Math.max(0, action.to), viewMatch: action.match};
		}

		case 'say': {
			return {...state, status: {text: action.text, tone: action.tone}};
		}

		case 'fade': {
			// Only the message the timer was set for: a newer one has its own timer.
			return state.status === action.status ? {...state, status: undefined} : state;
		}

		case 'toggle-mouse': {
			return {...state, mouse: !state.mouse};
		}

		case 'dismiss-notices': {
			return {...state, dismissedNotices: [...state.dismissedNotices ?? [], ...action.texts]};
		}
	}
}

/**
 * The console's state with a reader that is current even before React re-renders: keys typed or
 * pasted faster than a frame each see the result of the one before.
 */
export function useConsoleState(): [ConsoleState, Dispatch<ConsoleAction>, () => ConsoleState] {
	const current = useRef(initialConsoleState);
	const [state, setState] = useState(initialConsoleState);
	const dispatch = useCallback((action: ConsoleAction) => {
		current.current = consoleReducer(current.current, action);
		setState(current.current);
	}, []);
	const read = useCallback(() => current.current, []);
	return [state, dispatch, read];
}
