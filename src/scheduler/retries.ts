/** A failed or timed-out run's next attempt, after its job's backoff. */
import {retryDelayMs, shouldRetry} from '../core/retry-policy.js';
import type {RunRecord} from '../core/run-record.js';
import type {PendingRun} from '../core/run-queue.js';
import type {RetryView} from '../protocol/snapshot.js';
import {askedAgain} from './asked-params.js';
import type {Clock} from './clock.js';

/** `params`: what the run was asked for with (kept with the next attempt); `runParams`: the params it ran with, which the next attempt runs with. */
export type RetryRequest = {jobId: string; attempt: number; params?: Record<string, unknown>; runParams: Record<string, unknown>; tradeDate?: string; scheduledAt: number; backfill?: boolean};

export type RetryDeps = {
	clock: Clock;
	/** Asks for the next attempt of run `previousId`; a reason when it was refused without a run of its own (the job is gone). */
	submit: (request: RetryRequest, previousId: number) => string | undefined;
	/** The next attempt of this run will not come (refused, or its job was removed). */
	notComing: (runId: number) => void;
	say: (level: 'info' | 'warn', msg: string, jobId: string) => void;
};

type Waiting = {timer: unknown; jobId: string; attempt: number; of: number; at: number};

export class Retries {
	/** Next attempts waiting for their backoff, by the run they follow. */
	private readonly waiting = new Map<number, Waiting>();
	private stopped = false;

	constructor(private readonly deps: RetryDeps) {}

	/** A run ended: if it failed and has attempts left, its next attempt waits for the backoff. */
	ended(pending: PendingRun, record: RunRecord): void {
		const job = pending.job;
		if (this.stopped || !shouldRetry(job, record.status, pending.attempt)) {
			return;
		}

		const attempt = pending.attempt + 1;
		const delay = retryDelayMs(job, pending.attempt);
		this.deps.say('info', `${job.id}: attempt ${attempt} of ${job.retries + 1} in ${Math.round(delay / 1000)} s`, job.id);
		const timer = this.deps.clock.setTimeout(() => {
			this.waiting.delete(record.id);
			const asked = askedAgain(record.params, pending.params);
			const refused = this.deps.submit({jobId: job.id, attempt, ...(asked ? {params: asked} : {}), runParams: pending.params, tradeDate: pending.tradeDate, scheduledAt: this.deps.clock.now(), ...(pending.backfill ? {backfill: true} : {})}, record.id);
			if (refused !== undefined) {
				this.deps.say('warn', `${job.id}: attempt ${attempt} not run: ${refused}`, job.id);
				this.deps.notComing(record.id);
			}
		}, delay);
		this.waiting.set(record.id, {timer, jobId: job.id, attempt, of: job.retries + 1, at: this.deps.clock.now() + delay});
	}

	/** When the run's next attempt, waiting for its backoff, is asked for. */
	dueAt(runId: number): number | undefined {
		return this.waiting.get(runId)?.at;
	}

	/** Each job's soonest next attempt waiting for its backoff. */
	byJob(): Map<string, RetryView> {
		const soonest = new Map<string, RetryView>();
		for (const [after, {jobId, attempt, of, at}] of this.waiting) {
			if ((soonest.get(jobId)?.at ?? Number.POSITIVE_INFINITY) > at) {
				soonest.set(jobId, {after, attempt, of, at});
			}
		}

		return soonest;
	}

	/** The run's next attempt, still waiting for its backoff, is not wanted (its group was cancelled). */
	drop(runId: number): boolean {
		const waiting = this.waiting.get(runId);
		this.waiting.delete(runId);
		if (waiting !== undefined) {
			this.deps.clock.clearTimeout(waiting.timer);
		}

		return waiting !== undefined;
	}

	/** Jobs left the config: their next attempts waiting for a backoff are dropped, and said so. */
	jobsRemoved(jobIds: readonly string[]): void {
		this.dropJobs(new Set(jobIds), () => 'the job was removed from the config');
	}

	/** The job was paused: its next attempts waiting for a backoff are dropped, and said so (a resume does not bring them back). */
	jobPaused(jobId: string): void {
		this.dropJobs(new Set([jobId]), runId => `${jobId} was paused while it waited for its backoff after run ${runId} (sage-console retry ${runId} asks for it)`);
	}

	private dropJobs(jobIds: ReadonlySet<string>, why: (runId: number) => string): void {
		for (const [runId, {jobId, attempt}] of this.waiting) {
			if (jobIds.has(jobId)) {
				this.drop(runId);
				this.deps.say('info', `${jobId}: attempt ${attempt} not run: ${why(runId)}`, jobId);
				this.deps.notComing(runId);
			}
		}
	}

	/** No more retries: the ones waiting are dropped, each said (nothing asks for it at the next start). */
	stop(): void {
		this.stopped = true;
		for (const [runId, {timer, jobId, attempt, of}] of this.waiting) {
			this.deps.clock.clearTimeout(timer);
			this.deps.say('info', `${jobId}: attempt ${attempt} of ${of} not run: the scheduler stopped while it waited for its backoff after run ${runId} (sage-console retry ${runId} asks for it again)`, jobId);
		}

		this.waiting.clear();
	}
}
