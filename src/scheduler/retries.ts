/** A failed or timed-out run's next attempt, after its job's backoff. */
import {retryDelayMs, shouldRetry} from '../core/retry-policy.js';
import type {RunRecord} from '../core/run-record.js';
import type {PendingRun} from '../core/run-queue.js';
import type {Clock} from './clock.js';

export type RetryRequest = {jobId: string; attempt: number; params: Record<string, unknown>; tradeDate?: string; scheduledAt: number};

export class Retries {
	private readonly timers = new Map<number, unknown>();
	private stopped = false;

	constructor(
		private readonly clock: Clock,
		private readonly submit: (request: RetryRequest) => void,
		private readonly say: (msg: string, jobId: string) => void,
	) {}

	/** A run ended: if it failed and has attempts left, its next attempt waits for the backoff. */
	ended(pending: PendingRun, record: RunRecord): void {
		const job = pending.job;
		if (this.stopped || !shouldRetry(job, record.status, pending.attempt)) {
			return;
		}

		const delay = retryDelayMs(job, pending.attempt);
		this.say(`${job.id}: attempt ${pending.attempt + 1} of ${job.retries + 1} in ${Math.round(delay / 1000)} s`, job.id);
		const timer = this.clock.setTimeout(() => {
			this.timers.delete(record.id);
			this.submit({jobId: job.id, attempt: pending.attempt + 1, params: pending.params, tradeDate: pending.tradeDate, scheduledAt: this.clock.now()});
		}, delay);
		this.timers.set(record.id, timer);
	}

	/** The run's next attempt, still waiting for its backoff, is not wanted (its group was cancelled). */
	drop(runId: number): boolean {
		const timer = this.timers.get(runId);
		this.timers.delete(runId);
		if (timer !== undefined) {
			this.clock.clearTimeout(timer);
		}

		return timer !== undefined;
	}

	/** No more retries: the ones waiting are dropped. */
	stop(): void {
		this.stopped = true;
		for (const timer of this.timers.values()) {
			this.clock.clearTimeout(timer);
		}

		this.timers.clear();
	}
}
