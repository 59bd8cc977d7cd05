import {useEffect, type Dispatch} from 'react';
import type {ConsoleAction, StatusMessage} from '../state/console-state.js';

/**
 * Lets the answer to an action fade after a few seconds (a failure stays twice as long), so the key
 * bar comes back instead of a message standing all day.
 */
export function useStatusFade(status: StatusMessage | undefined, dispatch: Dispatch<ConsoleAction>, ms = 4000): void {
	useEffect(() => {
		if (!status) {
			return;
		}

		const timer = setTimeout(() => dispatch({type: 'fade', status}), status.tone === 'bad' ? ms * 2 : ms);
		return () => clearTimeout(timer);
	}, [status, dispatch, ms]);
}
