/**
 * A run's states and the only moves between them. Every status the scheduler writes goes through
 * `checkedTransition`, so an illegal move (a finished run "running" again, a status overwritten) is a
 * bug that fails loudly in tests instead of a silent overwrite in history.
 */
import type {RunStatus} from './run-record.js';

/** `new` is a run not yet in history. */
export type RunState = RunStatus | 'new';

const moves: Record<RunState, readonly RunStatus[]> = {
	new: ['queued', 'skipped'],
	// A queued run starts, is cancelled before it starts, cannot start at all, or was queued when the process died.
	queued: ['running', 'cancelled', 'failed', 'interrupted'],
	running: ['success', 'failed', 'timeout', 'cancelled', 'interrupted'],
	success: [],
	failed: [],
	timeout: [],
	cancelled: [],
	interrupted: [],
	skipped: [],
};

export class IllegalRunTransition extends Error {
	override name = 'IllegalRunTransition';

	constructor(readonly runId: number, readonly from: RunState, readonly to: RunStatus) {
		super(`run ${runId}: no move from ${from} to ${to} (allowed: ${moves[from].join(', ') || 'none, it has ended'})`);
	}
}

export function canMove(from: RunState, to: RunStatus): boolean {
	return moves[from].includes(to);
}

/** @throws IllegalRunTransition when `from → to` is not a legal move */
export function checkedTransition(runId: number, from: RunState, to: RunStatus): RunStatus {
	if (!canMove(from, to)) {
		throw new IllegalRunTransition(runId, from, to);
	}

	return to;
}

export function isFinal(status: RunState): boolean {
	return status !== 'new' && moves[status].length === 0;
}
