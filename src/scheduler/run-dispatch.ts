/**
 * The road from a request for a run to its start: the job's `concurrency` policy (skip, queue,
 * replace, allow) decides whether it runs at all, then it waits in the queue until `max_parallel`,
 * its queue's limit and its priority let it start.
 */
import {concurrencyVerdict} from '../core/concurrency-verdict.js';
import type {JobDefinition, SchedulerConfig} from '../core/job-definition.js';
import type {RunRecord} from '../core/run-record.js';
import {RunQueue, type PendingRun} from '../core/run-queue.js';
import {SlotAdmission} from '../core/slot-admission.js';
import type {Clock} from './clock.js';
import type {LiveRuns} from './live-runs.js';
import type {RunRecorder} from './run-recorder.js';

/**
 * `askedParams`: the params the run was asked for with (a value equal to the job's own included), kept with the run (asked-params.ts);
 * `retryOf`: the run it is the next attempt of, kept with it (retry-runs.ts).
 */
export type RunRequest = Omit<PendingRun, 'runId' | 'job'> & {askedParams?: Record<string, unknown>; retryOf?: number};

export type Dispatched = {ok: true; record: RunRecord} | {ok: false; reason: string; record?: RunRecord};

export type RunDispatchDeps = {
	config(): SchedulerConfig;
	clock: Clock;
	recorder: RunRecorder;
	live: LiveRuns;
	queued(record: RunRecord): void;
	skipped(record: RunRecord, reason: string): void;
	/** A queued run that will never start (cancelled, replaced, the scheduler stopping). */
	dropped(pending: PendingRun, record: RunRecord): void;
	/** The scheduler stops while the run waits: what its cancelled row adds when it is kept for the next start (a retry: queued-retries.ts). */
	keptAtStop?(pending: PendingRun, record: RunRecord): string | undefined;
};

export class RunDispatch {
	readonly queue = new RunQueue();
	private readonly records = new Map<number, RunRecord>();
	private stopped = false;
	private holding = 0;

	constructor(private readonly deps: RunDispatchDeps) {}

	/** Records the run as queued (or skipped, with why) and starts what may start. */
	request(job: JobDefinition, request: RunRequest): Dispatched {
		const running = this.deps.live.ofJob(job.id);
		const verdict = concurrencyVerdict(job, request.trigger, running.length, this.queue.has(job.id), request.backfill === true);
		const base = {jobId: job.id, trigger: request.trigger, scheduledAt: request.scheduledAt, attempt: request.attempt, tradeDate: request.tradeDate, ...(request.askedParams ? {params: request.askedParams} : {}), ...(request.retryOf === undefined ? {} : {retryOf: request.retryOf})};
		if (verdict.action === 'skip' || this.stopped) {
			const reason = this.stopped ? 'the scheduler is stopping' : (verdict as {reason: string}).reason;
			const record = this.deps.recorder.create({...base, status: 'skipped', finishedAt: this.deps.clock.now(), message: reason});
			this.deps.skipped(record, reason);
			return {ok: false, reason, record};
		}

		if (verdict.action === 'replace') {
			for (const pending of this.queue.removeWhere(run => run.job.id === job.id)) {
				this.drop(pending, 'replaced by a newer run');
			}

			for (const live of running) {
				this.deps.live.cancel(live, 'replaced');
			}
		}

		const record = this.deps.recorder.create({...base, status: 'queued'});
		this.records.set(record.id, record);
		this.queue.add({...request, runId: record.id, job});
		this.deps.queued(record);
		if (this.holding === 0) {
			this.dispatch();
		}

		return {ok: true, record};
	}

	/**
	 * Runs `work` (several requests) with starts held until it is done: every run it asks for is queued
	 * first, then the best of them start. A second's fires are all recorded before any run's start
	 * (its log file, its worker) delays the next fire, and a high-priority job fired in the same second
	 * as others gets the first free slot.
	 */
	holdStarts(work: () => void): void {
		this.holding++;
		try {
			work();
		} finally {
			this.holding--;
			if (this.holding === 0) {
				this.dispatch();
			}
		}
	}

	/** Starts waiting runs in free slots, best first. */
	dispatch(): void {
		if (this.stopped || this.queue.length === 0) {
			return;
		}

		// Every slot taken: only a group (which takes none) could start; don't walk a long queue for nothing.
		if (this.deps.live.slotsTaken >= this.deps.config().maxParallel && !this.queue.hasGroups) {
			return;
		}

		const admission = new SlotAdmission(this.deps.config(), this.deps.live.pendingRuns());
		for (;;) {
			// Every slot taken: only a group (which takes none) could start; don't walk a long queue for nothing.
			if (admission.full && !this.queue.hasGroups) {
				return;
			}

			const next = this.queue.take(run => admission.admits(run));
			if (!next) {
				return;
			}

			admission.count(next);
			const record = this.records.get(next.runId)!;
			this.records.delete(next.runId);
			this.deps.live.start(next, record);
		}
	}

	/** Cancels a run still waiting (`message`: its cancelled row's words); false if it is not in the queue. */
	cancelQueued(runId: number, message = 'cancelled before it started'): boolean {
		const [pending] = this.queue.removeWhere(run => run.runId === runId);
		if (!pending) {
			return false;
		}

		this.drop(pending, message);
		return true;
	}

	/** The runs waiting for a slot of the jobs `which` picks, oldest first, with the job each runs as. */
	waitingOf(which: (jobId: string) => boolean): Array<{record: RunRecord; job: JobDefinition}> {
		return this.queue.all()
			.filter(run => which(run.job.id))
			.map(run => ({record: this.records.get(run.runId)!, job: run.job}))
			.sort((a, b) => a.record.id - b.record.id);
	}

	/**
	 * A reload: a waiting run of a job no longer in the config is cancelled, saying so; one of a changed
	 * job runs as the job is now (its command, timeout, queue, priority), not as it was when it was asked for.
	 */
	jobsReloaded(jobs: readonly JobDefinition[]): void {
		const now = new Map(jobs.map(job => [job.id, job]));
		const stale = this.queue.removeWhere(run => now.get(run.job.id) !== run.job);
		for (const pending of stale) {
			const job = now.get(pending.job.id);
			if (job) {
				this.queue.add({...pending, job});
			} else {
				this.drop(pending, `cancelled before it started: ${pending.job.id} was removed from the config`);
			}
		}
	}

	/**
	 * Nothing more starts; every waiting run is recorded as cancelled. A retry kept for the next start
	 * says so: its keep is written before its cancelled row, in the same turn, so one commit holds both.
	 */
	stop(): void {
		this.stopped = true;
		for (const pending of this.queue.removeWhere(() => true)) {
			const kept = this.deps.keptAtStop?.(pending, this.records.get(pending.runId)!);
			this.drop(pending, `not started: the scheduler stopped${kept === undefined ? '' : `; ${kept}`}`);
		}
	}

	/** The record of a queued run. */
	queuedRecord(runId: number): RunRecord | undefined {
		return this.records.get(runId);
	}

	private drop(pending: PendingRun, message: string): void {
		const record = this.records.get(pending.runId)!;
		this.records.delete(pending.runId);
		this.deps.recorder.move(record, 'cancelled', {finishedAt: this.deps.clock.now(), message, error: {type: 'Cancelled', message}});
		this.deps.dropped(pending, record);
	}
}
