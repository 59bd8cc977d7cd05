/**
 * What `R` and `c` do for the run a detail shows, by its status: the keys act on these (view-keys.ts)
 * and the key bar offers only these, so a running run's detail does not offer `R retry` to answer
 * "nothing to retry", nor an ended one `c cancel`.
 */
import type {RunStatus} from '../../core/run-record.js';
import type {KeyAction} from '../keymap.js';

/** A run that ended otherwise than well is retried. */
export function retriable(status: RunStatus): boolean {
	return status !== 'success' && status !== 'running' && status !== 'queued';
}

/** A live run is cancelled (after a y/N); of a failed or timed-out one, the next attempt waiting for its backoff is dropped. */
export function cancellable(status: RunStatus): boolean {
	return status === 'running' || status === 'queued' || status === 'failed' || status === 'timeout';
}

/** The keys a run's detail leaves off its key bar. */
export function runDetailWithout(status: RunStatus): ReadonlySet<KeyAction> {
	return new Set<KeyAction>([...(retriable(status) ? [] : ['retry' as const]), ...(cancellable(status) ? [] : ['cancel' as const])]);
}
