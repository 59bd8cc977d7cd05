/**
 * What follows a run's end: its next attempt after its job's backoff, the `after:` jobs its success
 * starts, and whoever waits for its end or for its next attempt (`whenFinished`, a group's member).
 */
import type {JobDefinition} from '../core/job-definition.js';
import type {RunRecord, RunTrigger} from '../core/run-record.js';
import type {PendingRun} from '../core/run-queue.js';
import type {SubmitResult} from '../protocol/messages.js';
import type {RetryView} from '../protocol/snapshot.js';
import {paramsWithoutValue} from './asked-params.js';
import {Chains} from './chains.js';
import type {Clock} from './clock.js';
import {FinishWaiters} from './finish-waiters.js';
import type {KeptRetries} from './kept-retries.js';
import {lostSecretParamsWhy} from './kept-retry-verdict.js';
import {NextAttempts} from './next-attempts.js';
import type {KeptRetry} from './ports.js';
import {QueuedRetries} from './queued-retries.js';
import type {DroppedAttempt} from './pause-stops.js';
import {Retries} from './retries.js';
import {RetryRuns} from './retry-runs.js';

export type SequelDeps = {
	clock: Clock;
	submit(jobId: string, options: {trigger: RunTrigger; attempt?: number; params?: Record<string, unknown>; runParams?: Record<string, unknown>; tradeDate?: string; scheduledAt?: number; backfill?: boolean; retryOf?: number}): SubmitResult;
	say(level: 'info' | 'warn', msg: string, jobId: string): void;
	/** Start `after:` jobs (off for a one-off foreground `run`). */
	chains: boolean;
	/** Where retries waiting for their backoff are kept for the next start (none for a one-off foreground `run`). */
	kept?: KeptRetries;
	/** Why the job fires nothing now (paused, disabled, the scheduler paused), or undefined (none: never). */
	held?(jobId: string): string | undefined;
	/** Run `previous`'s end is final now: a pause or a reload dropped its next attempt (Retries). */
	final?(previous: RunRecord, job: JobDefinition): void;
};

export class RunSequels {
	private readonly finishWaiters = new FinishWaiters();
	private readonly nextAttempts = new NextAttempts();
	private readonly retries: Retries;
	private readonly retryRuns = new RetryRuns();
	private readonly queuedRetries: QueuedRetries;
	private readonly chains: Chains;

	constructor(private readonly deps: SequelDeps) {
		this.queuedRetries = new QueuedRetries({say: deps.say, askedWhileHeld: runId => this.retries.askedHeld(runId), ...(deps.kept ? {kept: deps.kept} : {})});
		this.retries = new Retries({
			clock: deps.clock,
			submit: (request, previousId) => {
				const result = deps.submit(request.jobId, {trigger: 'retry', ...request, retryOf: previousId});
				if (result.run) {
					this.retryRuns.asked(previousId, result.run.id);
				}

				// Queued (not skipped, which ended at once): the stop keeps it if it is still waiting then.
				if (result.ok && result.run) {
					this.queuedRetries.asked(result.run.id);
				}

				return result.ok || result.run ? undefined : result.reason;
			},
			notComing: (runId, why) => this.nextAttempts.drop(runId, why),
			say: deps.say,
			...(deps.kept ? {kept: deps.kept} : {}),
			...(deps.held ? {held: deps.held} : {}),
			...(deps.final ? {final: deps.final} : {}),
		});
		this.chains = new Chains((jobId, tradeDate, backfill) => deps.submit(jobId, {trigger: 'chain', tradeDate, ...(backfill ? {backfill: true} : {})}), (msg, jobId) => deps.say('info', msg, jobId));
	}

	/** History's links of retries to the runs they follow, read back at a start (retry-runs.ts). */
	loadRetryLinks(links: Iterable<{runId: number; retryId: number}>): void {
		for (const {runId, retryId} of links) {
			this.retryRuns.asked(runId, retryId);
		}
	}

	/** What history says succeeded lately, for `after:` chains whose parents succeeded before a restart. */
	loadSuccesses(successes: Iterable<{jobId: string; tradeDate: string}>): void {
		this.chains.load(successes);
	}

	/** A run was asked for: it may be the next attempt someone waits for. */
	requested(record: RunRecord): void {
		this.nextAttempts.requested(record);
		this.retries.requested(record);
	}

	/**
	 * A run ended; `nextAttempt`: another attempt of it will be asked for. `jobs`: the jobs now, for its
	 * chains. The chain runs of a backfill (a backfill run's, and theirs in turn) are part of it: each
	 * backfilled day gets its own, waiting for the one before instead of being skipped by `concurrency`.
	 */
	ended(pending: PendingRun, record: RunRecord, nextAttempt: boolean, jobs: () => Iterable<{job: JobDefinition; paused: boolean}>): void {
		this.nextAttempts.ended(record, nextAttempt);
		this.finishWaiters.ended(record);
		this.queuedRetries.ended(record.id);
		this.retries.ended(pending, record);
		if (record.status === 'success' && record.tradeDate && this.deps.chains) {
			this.chains.succeeded(record.jobId, record.tradeDate, jobs(), pending.trigger === 'backfill' || pending.backfill === true);
		}
	}

	/** Whether run `record`, which ended with attempts left, gets no next attempt: paused or disabled while it ran (Retries). */
	retryHeld(record: RunRecord): boolean {
		return this.heldWhileRunning(record) !== undefined;
	}

	/** Why run `record` gets no next attempt, now that it ends: its job paused, disabled or removed while it ran (Retries). */
	heldWhileRunning(record: RunRecord): string | undefined {
		return this.retries.heldWhileRunning(record);
	}

	/** Settles with the run's record when it ends (see FinishWaiters). */
	async finished(runId: number): Promise<RunRecord> {
		return this.finishWaiters.wait(runId);
	}

	/** Settles with the next attempt's run once it is asked for; undefined when none comes. */
	async nextAttempt(runId: number): Promise<RunRecord | undefined> {
		return this.nextAttempts.wait(runId);
	}

	/** The next attempt of an ended run while it is still to come, and when it is asked for if it waits for a backoff. */
	comingAttempt(runId: number): {attempt: number; at?: number} | undefined {
		const attempt = this.nextAttempts.comingAttempt(runId);
		return attempt === undefined ? undefined : {attempt, at: this.retries.dueAt(runId)};
	}

	/**
	 * The operator asks for run `previous`'s next attempt now, with the params it was asked for with (its
	 * record's, from history after a restart). One still waiting for its backoff is that attempt asked for
	 * early (not a second one later); whoever waits for it hears of this run. A run whose secret param
	 * history did not keep is refused, naming it, rather than run without it.
	 */
	retryNow(previous: RunRecord): SubmitResult {
		const params = previous.params;
		const lost = params ? paramsWithoutValue(params) : [];
		if (lost.length > 0) {
			const names = lost.map(name => `${name}=…`).join(' --param ');
			return {ok: false, reason: `run ${previous.id} was asked for with the secret param${lost.length > 1 ? 's' : ''} ${lost.join(', ')}, whose value history does not keep: run ${previous.jobId} --param ${names} again instead`};
		}

		const waited = this.retries.drop(previous.id);
		const result = this.deps.submit(previous.jobId, {trigger: 'retry', attempt: previous.attempt + 1, tradeDate: previous.tradeDate, ...(params ? {params} : {}), retryOf: previous.id});
		if (result.run) {
			this.retryRuns.asked(previous.id, result.run.id);
			// Queued: the attempt asked for early is kept at a stop as the waiting one would have been; any other is said not kept.
			if (result.ok) {
				this.queuedRetries[waited ? 'asked' : 'askedByOperator'](result.run.id);
			}
		} else if (waited) {
			this.nextAttempts.drop(previous.id);
		}

		return result;
	}

	/**
	 * Run `previousId` ran on a worker that died or stopped before it finished: its next attempt, asked for
	 * now on another, follows it as one of the job's own retries does (`retry_of`, so `show`, `retry` and
	 * `cancel` of it reach that attempt), and one queued for a slot when the scheduler stops is kept for
	 * the next start as such (queued-retries.ts), whose run or drop ends the chain and tells its failure.
	 */
	handedOver(previousId: number, jobId: string, options: {attempt: number; params?: Record<string, unknown>; runParams?: Record<string, unknown>; tradeDate?: string; scheduledAt: number}): SubmitResult {
		const result = this.deps.submit(jobId, {trigger: 'retry', ...options, retryOf: previousId});
		if (result.run) {
			this.retryRuns.asked(previousId, result.run.id);
			// Due now, not at its scheduled time (kept from its run, which the hand-over count goes by).
			if (result.ok) {
				this.queuedRetries.asked(result.run.id, this.deps.clock.now());
			}
		} else {
			this.nextAttempts.drop(previousId);
		}

		return result;
	}

	/** The run now carrying on run `runId`'s retries (its retry, or that one's retry…), if one was asked for. */
	latestRetry(runId: number): number | undefined {
		return this.retryRuns.latest(runId);
	}

	/** Drops the run's retry if it still waits for its backoff (`why`: as the log says it). @returns whether one was waiting */
	dropRetry(runId: number, why: string): boolean {
		if (!this.retries.drop(runId)) {
			return false;
		}

		this.nextAttempts.drop(runId, why);
		return true;
	}

	/** Why run `runId`'s next attempt was dropped, when it was lately (cancelled, paused, a later success…). */
	droppedAttemptWhy(runId: number): string | undefined {
		return this.nextAttempts.droppedWhy(runId);
	}

	/**
	 * The operator cancels run `runId`, which has ended: the next attempt still waiting for its backoff,
	 * its own or its latest retry's (10 failed, retried as 11, which failed with attempt 3 waiting), is
	 * not run, and the log says so. @returns that attempt, or undefined when none waits for a backoff
	 */
	cancelWaitingRetry(runId: number, jobId: string): {after: number; attempt: number} | undefined {
		const after = this.retryRuns.latest(runId) ?? runId;
		const coming = this.comingAttempt(after);
		const why = `cancelled while it waited for its backoff after run ${after}`;
		if (coming?.at === undefined || !this.dropRetry(after, why)) {
			return undefined;
		}

		this.deps.say('info', `${jobId}: attempt ${coming.attempt} not run: ${why}`, jobId);
		return {after, attempt: coming.attempt};
	}

	/** Each job's soonest next attempt waiting for its backoff, for the snapshot. */
	waitingRetries(): Map<string, RetryView> {
		return this.retries.byJob();
	}

	/** The job was paused: its retries still waiting are dropped, each said. */
	jobPaused(jobId: string): DroppedAttempt[] {
		return this.retries.jobPaused(jobId);
	}

	/** Whether queued run `runId` is the job's own next attempt (its `retries:`, a hand-over), not one asked for by hand. */
	isOwnAttempt(runId: number): boolean {
		return this.queuedRetries.isOwn(runId);
	}

	/** The job's own next attempt after `previous` was cancelled before it started (its job turned off): that failure is final now. */
	attemptDropped(previous: RunRecord, job: JobDefinition): void {
		this.deps.final?.(previous, job);
	}

	/** Jobs were disabled by a reload: their retries still waiting are dropped, each said. */
	jobsDisabled(jobIds: readonly string[]): void {
		this.retries.jobsDisabled(jobIds);
	}

	/** The whole scheduler was paused: every retry still waiting is dropped, each said. */
	schedulerPaused(): DroppedAttempt[] {
		return this.retries.schedulerPaused();
	}

	/**
	 * A retry kept across a restart, of run `previous` (read back from history): it waits out the rest of
	 * its backoff as if the scheduler had not stopped, shown and cancelled as before. One whose secret
	 * param history did not keep is not run, said as the operator's retry refuses it. @returns whether it waits
	 */
	rearm(previous: RunRecord, kept: KeptRetry, job: JobDefinition): boolean {
		const lost = lostSecretParamsWhy(previous);
		if (lost !== undefined) {
			this.deps.say('warn', `${kept.jobId}: attempt ${kept.attempt} not run: ${lost}`, kept.jobId);
			this.deps.kept?.forget(previous.id);
			return false;
		}

		this.nextAttempts.ended(previous, true);
		this.retries.rearm(previous, kept, job);
		return true;
	}

	/** Jobs left the config: their retries still waiting are dropped. */
	jobsRemoved(jobIds: readonly string[]): void {
		this.retries.jobsRemoved(jobIds);
	}

	/**
	 * The scheduler stops while `record` waits in the queue: one of the job's own retries is kept for the
	 * next start (queued-retries.ts). @returns what its cancelled row adds, or undefined when not kept
	 */
	keepQueuedAtStop(pending: PendingRun, record: RunRecord): string | undefined {
		return this.queuedRetries.keepAtStop(pending, record);
	}

	/** The scheduler stops: no retry is asked for, and no next attempt comes for anyone waiting. */
	stop(): void {
		this.retries.stop();
		this.nextAttempts.stop();
	}
}
