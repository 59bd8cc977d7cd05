/**
 * A next attempt the job's own `retries:` asked for after its backoff (not the operator's `retry RUN`),
 * queued for a free slot (`max_parallel`, its queue's limit) when the scheduler stops: kept as the
 * waiting retry of the run it follows (kept-retries.ts), due when it was asked for, so the next start
 * runs it at once as that attempt, or says why not, as a kept retry whose time passed while the
 * scheduler was down (retries-at-start.ts). Its keep is written in the same turn as its cancelled row
 * (run-dispatch.ts), so one commit holds both: a kill -9 before it leaves the run queued in history
 * (interrupted at the next start, not run), after it the kept retry, which runs once. It was cancelled
 * and lost, and the failure of the run it followed, whose alert waited for it, was never alerted.
 */
import type {PendingRun} from '../core/run-queue.js';
import type {RunRecord} from '../core/run-record.js';
import type {KeptRetries} from './kept-retries.js';

export type QueuedRetryDeps = {
	/** Where retries are kept for the next start (none for a one-off foreground `run`: nothing is kept). */
	kept?: KeptRetries;
	say(level: 'info', msg: string, jobId: string): void;
};

export class QueuedRetries {
	/** The runs the job's own retries asked for that have not ended yet. */
	private readonly own = new Set<number>();

	constructor(private readonly deps: QueuedRetryDeps) {}

	/** Run `runId` is a next attempt the job's own retries asked for. */
	asked(runId: number): void {
		this.own.add(runId);
	}

	/** The run ended (or was dropped before it started). */
	ended(runId: number): void {
		this.own.delete(runId);
	}

	/**
	 * The scheduler stops while `record`, queued, never started: if it is one of the job's own retries, it
	 * is kept for the next start and the log says so. @returns the words its cancelled row adds, or
	 * undefined when it is not kept
	 */
	keepAtStop(pending: PendingRun, record: RunRecord): string | undefined {
		const after = record.retryOf;
		if (!this.deps.kept || after === undefined || !this.own.has(record.id)) {
			return undefined;
		}

		const {jobId, attempt} = record;
		// A reload may have lowered `retries:` since it was asked for: it is still that attempt.
		const of = Math.max(pending.job.retries + 1, attempt);
		this.deps.kept.keep({runId: after, jobId, attempt, of, at: record.scheduledAt, ...(pending.backfill === true ? {backfill: true} : {})});
		this.deps.say('info', `${jobId}: attempt ${attempt} of ${of} is kept for the next start: the scheduler stopped while it was queued as run ${record.id} after run ${after}; it runs at once after the next start`, jobId);
		return `kept for the next start as attempt ${attempt} after run ${after}`;
	}
}
