/** A failed or timed-out run's next attempt, after its job's backoff. */
import type {JobDefinition} from '../core/job-definition.js';
import {retryDelayMs, shouldRetry} from '../core/retry-policy.js';
import {isFinal} from '../core/run-states.js';
import type {RunRecord} from '../core/run-record.js';
import type {PendingRun} from '../core/run-queue.js';
import type {RetryView} from '../protocol/snapshot.js';
import {askedAgain} from './asked-params.js';
import type {Clock} from './clock.js';
import type {KeptRetries} from './kept-retries.js';
import type {DroppedAttempt} from './pause-stops.js';
import {removedFromConfig} from './pauses.js';
import type {KeptRetry} from './ports.js';
import {doneByLaterSuccess, doneByLaterSuccessWords, type AttemptWork} from './retry-made-needless.js';

/**
 * `params`: what the run was asked for with (kept with the next attempt); `runParams`: the params it ran
 * with, which the next attempt runs with (none after a restart: the job's params and `params` over them).
 */
export type RetryRequest = {jobId: string; attempt: number; params?: Record<string, unknown>; runParams?: Record<string, unknown>; tradeDate?: string; scheduledAt: number; backfill?: boolean};

export type RetryDeps = {
	clock: Clock;
	/** Asks for the next attempt of run `previousId`; a reason when it was refused without a run of its own (the job is gone). */
	submit: (request: RetryRequest, previousId: number) => string | undefined;
	/** The next attempt of this run will not come (refused, or its job was removed). */
	/** No next attempt comes after run `runId`; `why`, as the log said it. */
	notComing: (runId: number, why: string) => void;
	say: (level: 'info' | 'warn', msg: string, jobId: string) => void;
	/** Where waiting retries are kept for the next start (none: a stop loses them, and says so). */
	kept?: KeptRetries;
	/** Why the job fires nothing now (paused, disabled, the scheduler paused), or undefined. */
	held?: (jobId: string) => string | undefined;
	/** Run `previous`'s end is final now: a pause or a reload dropped its next attempt (its failure alert, its ping). */
	final?: (previous: RunRecord, job: JobDefinition) => void;
};

/** `previous`, `job`: the run it follows and its job, told as final when a pause or a reload drops it. */
type Waiting = {timer: unknown; attempt: number; of: number; at: number; previous: RunRecord; job: JobDefinition} & AttemptWork;

export class Retries {
	/** Next attempts waiting for their backoff, by the run they follow. */
	private readonly waiting = new Map<number, Waiting>();
	private stopped = false;
	/** Runs asked for while their job was held (by hand, while paused or disabled): theirs retry as usual. */
	private readonly askedWhileHeld = new Set<number>();

	constructor(private readonly deps: RetryDeps) {}

	/** A run was asked for: one asked for while its job is held is the operator's, and keeps its retries. */
	requested(record: RunRecord): void {
		// Not one that ended already (skipped): its end was heard, and nothing would take it out of the set.
		if (!isFinal(record.status) && this.deps.held?.(record.jobId) !== undefined) {
			this.askedWhileHeld.add(record.id);
		}
	}

	/** Whether run `runId`, not ended yet, was asked for while its job was held (it keeps its retries). */
	askedHeld(runId: number): boolean {
		return this.askedWhileHeld.has(runId);
	}

	/**
	 * Why run `record`, which ended, gets no next attempt though it has attempts left: its job (or the
	 * scheduler) was paused or disabled while it ran; undefined when it gets one. Its end is final then,
	 * for alerts as for the retry.
	 */
	heldWhileRunning(record: RunRecord): string | undefined {
		return this.askedWhileHeld.has(record.id) ? undefined : this.deps.held?.(record.jobId);
	}

	/**
	 * A run ended: if it failed and has attempts left, its next attempt waits for the backoff (none when
	 * its job was paused while it ran); if it succeeded, the next attempts of earlier runs it did the work
	 * of are dropped (retry-made-needless.ts).
	 */
	ended(pending: PendingRun, record: RunRecord): void {
		const job = pending.job;
		const held = this.heldWhileRunning(record);
		this.askedWhileHeld.delete(record.id);
		if (record.status === 'success') {
			this.succeeded(pending, record);
		}

		if (this.stopped || !shouldRetry(job, record.status, pending.attempt)) {
			return;
		}

		const attempt = pending.attempt + 1;
		const of = job.retries + 1;
		// Paused (or disabled) while it ran: as a pause drops an attempt already waiting, none is armed.
		if (held !== undefined) {
			// `retry RUN` is refused while the job is not in the config: it is no way to ask for the attempt then.
			const askAgain = held === removedFromConfig(job.id) ? '' : ` (sage-console retry ${record.id} asks for it)`;
			const why = `${held} while run ${record.id} ran${askAgain}`;
			this.deps.say('info', `${job.id}: attempt ${attempt} of ${of} not run: ${why}`, job.id);
			this.deps.notComing(record.id, why);
			return;
		}

		const delay = retryDelayMs(job, pending.attempt);
		const at = this.deps.clock.now() + delay;
		this.deps.say('info', `${job.id}: attempt ${attempt} of ${of} in ${Math.round(delay / 1000)} s`, job.id);
		const asked = askedAgain(record.params, pending.params);
		const backfill = pending.backfill === true;
		this.arm(record.id, {jobId: job.id, attempt, of, at, previous: record, job, ended: record.status, tradeDate: pending.tradeDate, runParams: pending.params}, () => ({jobId: job.id, attempt, ...(asked ? {params: asked} : {}), runParams: pending.params, tradeDate: pending.tradeDate, scheduledAt: this.deps.clock.now(), ...(backfill ? {backfill} : {})}));
		this.deps.kept?.keep({runId: record.id, jobId: job.id, attempt, of, at, ...(backfill ? {backfill} : {})});
	}

	/**
	 * A next attempt kept across a restart (retries-at-start.ts): it waits out the rest of its backoff,
	 * none when it fell due while the scheduler was down, and runs with the params and trade date its run
	 * `previous` was asked for with; `job` as the start found it.
	 */
	rearm(previous: RunRecord, kept: KeptRetry, job: JobDefinition): void {
		const {jobId, attempt, of, at, backfill} = kept;
		this.arm(previous.id, {jobId, attempt, of, at, previous, job, ended: previous.status, tradeDate: previous.tradeDate, ...(previous.params ? {asked: previous.params} : {})}, () => ({jobId, attempt, ...(previous.params ? {params: previous.params} : {}), tradeDate: previous.tradeDate, scheduledAt: this.deps.clock.now(), ...(backfill ? {backfill} : {})}));
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
			this.deps.kept?.forget(runId);
		}

		return waiting !== undefined;
	}

	/** Jobs left the config: their next attempts waiting for a backoff are dropped, and said so. */
	jobsRemoved(jobIds: readonly string[]): void {
		const removed = new Set(jobIds);
		this.dropWhere(jobId => removed.has(jobId), () => 'the job was removed from the config');
	}

	/** The job was paused: its next attempts waiting for a backoff are dropped, and said so (a resume does not bring them back). */
	jobPaused(jobId: string): DroppedAttempt[] {
		return this.dropWhere(id => id === jobId, runId => `${jobId} was paused while it waited for its backoff after run ${runId} (sage-console retry ${runId} asks for it)`);
	}

	/** Jobs were disabled (`enabled: false` in a reloaded jobs.yaml): their next attempts waiting for a backoff are dropped, and said so. */
	jobsDisabled(jobIds: readonly string[]): void {
		const disabled = new Set(jobIds);
		this.dropWhere(jobId => disabled.has(jobId), (runId, jobId) => `${jobId} was disabled (enabled: false) while it waited for its backoff after run ${runId} (sage-console retry ${runId} asks for it)`);
	}

	/** The whole scheduler was paused (`pause --all`): every next attempt waiting for a backoff is dropped, each said, as a job's pause drops its own. */
	schedulerPaused(): DroppedAttempt[] {
		return this.dropWhere(() => true, runId => `the scheduler was paused while it waited for its backoff after run ${runId} (sage-console retry ${runId} asks for it)`);
	}

	/**
	 * No more retries: the timers of the ones waiting are cleared, each said. Kept ones stay in history
	 * and run after the next start; without a store they are lost.
	 */
	stop(): void {
		this.stopped = true;
		for (const [runId, {timer, jobId, attempt, of}] of this.waiting) {
			this.deps.clock.clearTimeout(timer);
			this.deps.say('info', this.deps.kept
				? `${jobId}: attempt ${attempt} of ${of} is kept for the next start: the scheduler stopped while it waited for its backoff after run ${runId}; it runs after the next start (at once if its time has passed by then)`
				: `${jobId}: attempt ${attempt} of ${of} not run: the scheduler stopped while it waited for its backoff after run ${runId} (sage-console retry ${runId} asks for it again)`, jobId);
		}

		this.waiting.clear();
	}

	private succeeded(pending: PendingRun, record: RunRecord): void {
		for (const [runId, waiting] of this.waiting) {
			if (doneByLaterSuccess(runId, waiting, pending, record)) {
				this.drop(runId);
				const why = doneByLaterSuccessWords(runId, waiting, record);
				this.deps.say('info', `${waiting.jobId}: attempt ${waiting.attempt} not run: ${why}`, waiting.jobId);
				this.deps.notComing(runId, why);
			}
		}
	}

	private arm(runId: number, waiting: Omit<Waiting, 'timer'>, request: () => Parameters<RetryDeps['submit']>[0]): void {
		const timer = this.deps.clock.setTimeout(() => {
			this.waiting.delete(runId);
			// Queued before the retry's run row, in the same turn: one commit holds both (kept-retries.ts).
			this.deps.kept?.forget(runId);
			const refused = this.deps.submit(request(), runId);
			if (refused !== undefined) {
				this.deps.say('warn', `${waiting.jobId}: attempt ${waiting.attempt} not run: ${refused}`, waiting.jobId);
				this.deps.notComing(runId, refused);
			}
		}, Math.max(0, waiting.at - this.deps.clock.now()));
		this.waiting.set(runId, {timer, ...waiting});
	}

	/**
	 * A pause or a reload drops the attempts: each run they follow ended with its last attempt, so its
	 * failure is final, as for a run that fails after its job was paused while it ran (its alert goes out).
	 */
	private dropWhere(dropped: (jobId: string) => boolean, why: (runId: number, jobId: string) => string): DroppedAttempt[] {
		const attempts: DroppedAttempt[] = [];
		for (const [runId, {jobId, attempt, previous, job}] of this.waiting) {
			if (dropped(jobId)) {
				this.drop(runId);
				const said = why(runId, jobId);
				this.deps.say('info', `${jobId}: attempt ${attempt} not run: ${said}`, jobId);
				this.deps.notComing(runId, said);
				this.deps.final?.(previous, job);
				attempts.push({after: runId, jobId, attempt});
			}
		}

		return attempts;
	}
}
