import {useEffect} from 'react';
import type {LiveRunView} from '../../protocol/snapshot.js';
import type {ConsoleActions} from '../console-actions.js';
import type {Overlay} from '../state/console-state.js';

/**
 * Keeps an open run's detail current: a run opened while queued or running is read again when it
 * leaves the live runs (ended: its status, finish, duration, error or result), not on a timer. While
 * it is live, the view takes its progress from the live runs (viewLinesOf).
 */
export function useRunDetail(actions: ConsoleActions, overlay: Overlay, live: readonly LiveRunView[]): void {
	const open = overlay.kind === 'detail' ? overlay.run : undefined;
	const wasLive = open?.status === 'queued' || open?.status === 'running';
	const ended = wasLive && !live.some(run => run.runId === open.id);
	const runId = open?.id;
	useEffect(() => {
		if (ended && runId !== undefined) {
			actions.refreshRun(runId);
		}
	}, [ended, runId, actions]);
}
