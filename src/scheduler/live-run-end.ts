/**
 * A live run's end news: its timeout disarmed, its end status (run-end.ts) recorded with the outcome's
 * details, whether its next attempt was handed over elsewhere, and its closing line in the tail.
 */
import {canMove} from '../core/run-states.js';
import type {RunOutcome} from '../executors/executor.js';
import type {LiveRun, LiveRunsDeps} from './live-run.js';
import {stopProgressSaves} from './live-run-progress.js';
import {endOf, logRunEnd} from './run-end.js';

/** Records the end of `live` from `outcome`; what follows the end (its slot, retries, chains) is the caller's. */
export function recordLiveRunEnd(live: LiveRun, outcome: RunOutcome, deps: Pick<LiveRunsDeps, 'clock' | 'recorder' | 'logger' | 'tail'>): void {
	deps.clock.clearTimeout(live.timeoutTimer);
	stopProgressSaves(live, deps);
	const now = deps.clock.now();
	const record = live.record;
	const monotonic = deps.clock.monotonic?.();
	const elapsedMs = monotonic === undefined || live.startedMono === undefined ? undefined : Math.max(0, Math.round(monotonic - live.startedMono));
	const {status, patch} = endOf(record, outcome, now, live.waiting === true, live.cancelReason, elapsedMs);
	if (record.status === 'queued' && !canMove('queued', status)) {
		// A run on workers whose end came before its start was heard (succeeded, timed out): it ran.
		deps.recorder.move(record, 'running');
	}

	deps.recorder.move(record, status, patch);
	live.handedOver = outcome.status !== 'success' && outcome.handedOver === true;
	deps.tail([logRunEnd(record, deps.logger, now)]);
}
