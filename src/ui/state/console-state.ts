import type {RunRecord} from '../../core/run-record.js';
import type {NotificationView} from '../../protocol/messages.js';
import {useCallback, useRef, useState, type Dispatch} from 'react';

export const panels = ['jobs', 'running', 'log', 'failures'] as const;
export type PanelId = (typeof panels)[number];

export type Overlay =
	| {kind: 'none'}
	| {kind: 'help'}
	| {kind: 'detail'; run: RunRecord; notifications: readonly NotificationView[]}
	| {kind: 'quit'}
	| {kind: 'filter'}
	| {kind: 'backfill'; jobId: string; text: string};

export type StatusTone = 'info' | 'good' | 'bad';

export type ConsoleState = {
	focus: PanelId;
	cursor: Record<PanelId, number>;
	filter: string;
	logScope: 'all' | 'selected';
	/** Lines scrolled back from the newest. */
	logScroll: number;
	detailScroll: number;
	overlay: Overlay;
	status?: {text: string; tone: StatusTone};
};

export type ConsoleAction =
	| {type: 'focus'; panel: PanelId}
	| {type: 'focus-next'}
	| {type: 'move'; delta: number; count: number}
	| {type: 'filter-type'; text: string}
	| {type: 'filter-append'; text: string}
	| {type: 'filter-backspace'}
	| {type: 'backfill-type'; text: string}
	| {type: 'open'; overlay: Overlay}
	| {type: 'close'}
	| {type: 'toggle-log-scope'}
	| {type: 'scroll-log'; delta: number; max: number}
	| {type: 'scroll-detail'; delta: number; max: number}
	| {type: 'say'; text: string; tone: StatusTone};

export const initialConsoleState: ConsoleState = {
	focus: 'jobs',
	cursor: {jobs: 0, running: 0, log: 0, failures: 0},
	filter: '',
	logScope: 'all',
	logScroll: 0,
	detailScroll: 0,
	overlay: {kind: 'none'},
};

const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), max);

export function consoleReducer(state: ConsoleState, action: ConsoleAction): ConsoleState {
	switch (action.type) {
		case 'focus': {
			return {...state, focus: action.panel};
		}

		case 'focus-next': {
			return {...state, focus: panels[(panels.indexOf(state.focus) + 1) % panels.length]!};
		}

		case 'move': {
			const cursor = clamp(state.cursor[state.focus] + action.delta, 0, Math.max(0, action.count - 1));
			return {...state, cursor: {...state.cursor, [state.focus]: cursor}};
		}

		case 'filter-type': {
			return {...state, filter: action.text, cursor: {...state.cursor, jobs: 0}};
		}

		case 'filter-append': {
			return {...state, filter: state.filter + action.text, cursor: {...state.cursor, jobs: 0}};
		}

		case 'filter-backspace': {
			return {...state, filter: [...state.filter].slice(0, -1).join(''), cursor: {...state.cursor, jobs: 0}};
		}

		case 'backfill-type': {
			return state.overlay.kind === 'backfill' ? {...state, overlay: {...state.overlay, text: action.text}} : state;
		}

		case 'open': {
			return {...state, overlay: action.overlay, detailScroll: 0};
		}

		case 'close': {
			return {...state, overlay: {kind: 'none'}};
		}

		case 'toggle-log-scope': {
			return {...state, logScope: state.logScope === 'all' ? 'selected' : 'all', logScroll: 0};
		}

		case 'scroll-log': {
			return {...state, logScroll: clamp(state.logScroll + action.delta, 0, action.max)};
		}

		case 'scroll-detail': {
			return {...state, detailScroll: clamp(state.detailScroll + action.delta, 0, action.max)};
		}

		case 'say': {
			return {...state, status: {text: action.text, tone: action.tone}};
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
