/**
 * A next attempt the job's own `retries:` asked for after its backoff (not the operator's `retry RUN`),
 * queued for a free slot (`max_parallel`, its queue's limit) when the scheduler stops: kept as the
 * waiting retry of the run it follows (kept-retries.ts), due when it was asked for, so the next start
 * runs it at once as that attempt, or says why not, as a kept retry whose time passed while the
 * scheduler was down (retries-at-start.ts). Its keep is written in the same turn as its cancelled row
 * (run-dispatch.ts), so one commit holds both: a kill -9 before it leaves the run queued in history
 * (interrupted at the next start, not run), after it the kept retry, which runs once. It was cancelled
 * and lost, and the failure of the run it followed, whose alert waited for it, was never alerted.
 * The operator's `retry RUN` that asked early for an attempt waiting for its backoff is that attempt
 * (RunSequels.retryNow), kept as such. Any other `retry RUN` of the operator's is not kept: it follows an
 * end already final (a failure already alerted), which a start dropping it as a kept retry past its
 * misfire_grace would tell as final again, alerting it twice; the stop says so, in its log and in its
 * cancelled row, with how to ask for it again. A worker's run handed to another worker (its worker died
 * or stopped) asks for its next attempt as the job's own retries do, and is kept so, due when it was asked for.
 */
import type {PendingRun} from '../core/run-queue.js';
import type {RunRecord} from '../core/run-record.js';
import type {KeptRetries} from './kept-retries.js';

export type QueuedRetryDeps = {
	/** Where retries are kept for the next start (none for a one-off foreground `run`: nothing is kept). */
	kept?: KeptRetries;
	say(level: 'info' | 'warn', msg: string, jobId: string): void;
	/**
	 * Whether the queued run was asked for while its job was held (paused or disabled), so the next start
	 * runs it while the job still is, as any retry armed so; one whose job was paused after it was asked
	 * for is dropped there, as a kept retry of a job paused meanwhile (kept-retry-verdict.ts).
	 */
	askedWhileHeld?(runId: number): boolean;
};

export class QueuedRetries {
	/** The runs the job's own retries (or a hand-over) asked for that have not ended yet, and when each was asked for (none: its scheduled time). */
	private readonly own = new Map<number, number | undefined>();
	/** The runs the operator's `retry RUN` asked for that are no attempt of the job's own, not ended yet. */
	private readonly operators = new Set<number>();

	constructor(private readonly deps: QueuedRetryDeps) {}

	/** Run `runId` is a next attempt the job's own retries asked for; `at`: when, if not at its scheduled time (a hand-over keeps its run's). */
	asked(runId: number, at?: number): void {
		this.own.set(runId, at);
	}

	/** Run `runId` is the operator's `retry RUN` of a run with no attempt of its own to come: not kept at a stop. */
	askedByOperator(runId: number): void {
		this.operators.add(runId);
	}

	/** Whether run `runId`, not ended yet, is a next attempt the job's own retries (or a hand-over) asked for. */
	isOwn(runId: number): boolean {
		return this.own.has(runId);
	}

	/** The run ended (or was dropped before it started). */
	ended(runId: number): void {
		this.own.delete(runId);
		this.operators.delete(runId);
	}

	/**
	 * The scheduler stops while `record`, queued, never started: if it is one of the job's own retries, it
	 * is kept for the next start and the log says so; an operator's retry is not, and the log says that.
	 * @returns the words its cancelled row adds, or undefined when it is neither
	 */
	keepAtStop(pending: PendingRun, record: RunRecord): string | undefined {
		const after = record.retryOf;
		if (after !== undefined && this.operators.has(record.id)) {
			this.deps.say('warn', `${record.jobId}: the retry of run ${after} asked for by the operator (run ${record.id}, attempt ${record.attempt}) is not kept: the scheduler stopped while it was queued, and the next start will not run it; sage-console retry ${after} asks for it again`, record.jobId);
			return `the operator's retry of run ${after} is not kept: sage-console retry ${after} asks for it again`;
		}

		if (!this.deps.kept || after === undefined || !this.own.has(record.id)) {
			return undefined;
		}

		const {jobId, attempt} = record;
		// A reload may have lowered `retries:` since it was asked for: it is still that attempt.
		const of = Math.max(pending.job.retries + 1, attempt);
		this.deps.kept.keep({runId: after, jobId, attempt, of, at: this.own.get(record.id) ?? record.scheduledAt, ...(pending.backfill === true ? {backfill: true} : {})}, this.deps.askedWhileHeld?.(record.id));
		this.deps.say('info', `${jobId}: attempt ${attempt} of ${of} is kept for the next start: the scheduler stopped while it was queued as run ${record.id} after run ${after}; it runs at once after the next start`, jobId);
		return `kept for the next start as attempt ${attempt} after run ${after}`;
	}
}
