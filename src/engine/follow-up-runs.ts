import {retryDelayMs} from './catch-up.js';
import type {JobDefinition} from '../core/job-definition.js';
import type {Clock, RunStore} from './ports.js';
import type {PendingRun} from './run-queue.js';
import type {RunRecord, RunTrigger} from '../core/run-record.js';

export type FollowUpDeps = {
	clock: Clock;
	store: Pick<RunStore, 'succeededFor'>;
	/** The jobs as they are now, with whether each is paused. */
	jobs: () => Iterable<{job: JobDefinition; paused: boolean}>;
	/** Whether the job is still configured. */
	hasJob: (jobId: string) => boolean;
	submit: (jobId: string, request: {trigger: RunTrigger; attempt?: number; params?: Record<string, unknown>; tradeDate?: string}) => void;
	say: (level: 'info', msg: string, fields: {jobId: string}) => void;
};

/**
 * The runs that follow from others: a failed or timed-out run's retry after its job's backoff, and the
 * `after:` jobs whose parents have all succeeded for a trading day.
 */
export class FollowUpRuns {
	private readonly retryTimers = new Set<unknown>();
	private stopped = false;

	constructor(private readonly deps: FollowUpDeps) {}

	/** A run ended: schedules its retry if it failed and has attempts left. */
	ended(pending: PendingRun, record: RunRecord): void {
		const job = pending.job;
		if (this.stopped || (record.status !== 'failed' && record.status !== 'timeout') || pending.attempt > job.retries) {
			return;
		}

		const delay = retryDelayMs(job, pending.attempt);
		this.deps.say('info', `${job.id}: retry ${pending.attempt + 1}/${job.retries + 1} in ${Math.round(delay / 1000)}s`, {jobId: job.id});
		const timer = this.deps.clock.setTimeout(() => {
			this.retryTimers.delete(timer);
			if (this.deps.hasJob(job.id)) {
				this.deps.submit(job.id, {trigger: 'retry', attempt: pending.attempt + 1, params: pending.params, tradeDate: pending.tradeDate});
			}
		}, delay);
		this.retryTimers.add(timer);
	}

	/** A run's success reached history: starts the `after:` jobs all of whose parents have succeeded that day. */
	succeeded(parentId: string, tradeDate: string): void {
		if (this.stopped) {
			return;
		}

		for (const {job: child, paused} of this.deps.jobs()) {
			if (!child.after.includes(parentId) || !child.enabled || paused) {
				continue;
			}

			const succeeded = this.deps.store.succeededFor(child.after, tradeDate);
			if (child.after.every(id => succeeded.has(id))) {
				this.deps.say('info', `${child.id}: ${child.after.join(', ')} succeeded for ${tradeDate}; starting the chain`, {jobId: child.id});
				this.deps.submit(child.id, {trigger: 'chain', tradeDate});
			}
		}
	}

	/** No more follow-ups: pending retries are dropped. */
	stop(): void {
		this.stopped = true;
		for (const timer of this.retryTimers) {
			this.deps.clock.clearTimeout(timer);
		}

		this.retryTimers.clear();
	}
}
