/**
 * Next attempts waiting for their backoff, kept in history so a stop or a crash does not lose them
 * (retries-at-start.ts runs them after the next start). Each write goes through the ordered history
 * writes: the forget of a retry asked for is queued before its run's row, in the same turn, so both
 * land in one commit — a kill -9 leaves either the kept retry or its run, never both, and it never
 * runs twice.
 */
import type {HistoryWrites} from './history-writes.js';
import type {HistoryPort, KeptRetry} from './ports.js';

export type KeptRetryDeps = {
	writes: Pick<HistoryWrites, 'write'>;
	history: Pick<HistoryPort, 'keepWaitingRetry' | 'forgetWaitingRetry'>;
	/** Whether the job is paused or disabled, or the whole scheduler paused, now: a retry armed so is not dropped for it at a start. */
	held(jobId: string): boolean;
};

export class KeptRetries {
	constructor(private readonly deps: KeptRetryDeps) {}

	/** `held`: the attempt is of a run asked for while its job was held (default: whether it is held now). */
	keep(retry: Omit<KeptRetry, 'held'>, held = this.deps.held(retry.jobId)): void {
		const kept: KeptRetry = {...retry, ...(held ? {held: true} : {})};
		this.deps.writes.write(`keep attempt ${retry.attempt} of ${retry.jobId} after run ${retry.runId}`, () => this.deps.history.keepWaitingRetry(kept));
	}

	forget(runId: number): void {
		this.deps.writes.write(`forget the waiting retry after run ${runId}`, () => this.deps.history.forgetWaitingRetry(runId));
	}
}
