import type {EngineEvents} from './engine-events.js';
import type {JobDefinition, SchedulerConfig} from '../core/job-definition.js';
import type {Clock, RunStore} from './ports.js';
import type {LiveRuns} from './live-runs.js';
import type {GuardedWrites} from './guarded-writes.js';
import type {RunWrites} from './run-writes.js';
import type {RunRecord} from '../core/run-record.js';
import type {TypedEmitter} from './typed-emitter.js';
import {RunQueue, type PendingRun} from './run-queue.js';
import {SlotAdmission} from './slot-admission.js';
import {concurrencyVerdict} from '../core/concurrency-verdict.js';
import {handBehindBusyRuns, takeBackWaitingRuns} from './busy-worker-hand-out.js';

export type SubmitResult = {ok: true; run: RunRecord} | {ok: false; reason: string; run?: RunRecord};

/** A run asked for: everything but its id (history gives it one) and its job. */
export type RunRequest = Omit<PendingRun, 'runId' | 'job'>;

export type RunDispatchDeps = {
	config: () => SchedulerConfig;
	store: RunStore;
	clock: Clock;
	/** The live runs (made after this, as they call back into it when a slot frees). */
	live: () => LiveRuns;
	writes: GuardedWrites;
	runWrites: RunWrites;
	events: TypedEmitter<EngineEvents>;
	/** A run ended without running (cancelled while queued): count it in today's figures. */
	endedUnrun: (record: RunRecord) => void;
	say: (level: 'info', msg: string, fields: {jobId: string; runId: number}) => void;
	changed: () => void;
};

/**
 * From a request to a started run: applies the job's concurrency policy (skip, replace, queue), records
 * the run, queues it, and starts queued runs in free slots by priority under `max_parallel` and the
 * queue limits, handing runs behind busy workers when every slot is taken.
 */
export class RunDispatch {
	readonly queue = new RunQueue();
	/** When a run was last handed to its runner (the scheduler counts as busy for a moment after). */
	lastStartAt = Number.NEGATIVE_INFINITY;
	private stopped = false;

	constructor(private readonly deps: RunDispatchDeps) {}

	/** Records and queues a run, or records why it was skipped; starts it now unless `dispatchNow` is false. */
	enqueue(job: JobDefinition, request: RunRequest, dispatchNow = true): SubmitResult {
		const {store, writes} = this.deps;
		const running = this.deps.live().ofJob(job.id);
		// A run waiting behind another on a busy worker has not started: it counts as queued.
		const started = running.filter(run => !run.waiting).length;
		const verdict = concurrencyVerdict(job, request.trigger, started, this.queue.has(job.id) || started < running.length);
		const base = {jobId: job.id, trigger: request.trigger, scheduledAt: request.scheduledAt, attempt: request.attempt, tradeDate: request.tradeDate};
		if (verdict.action === 'skip') {
			const {reason} = verdict;
			const now = this.deps.clock.now();
			const run = writes.run(`record a skipped run of ${job.id}`, () => store.createRun({...base, status: 'skipped', finishedAt: now, message: reason}));
			if (!run) {
				return {ok: false, reason};
			}

			this.deps.say('info', `skipped ${job.id}: ${reason}`, {jobId: job.id, runId: run.id});
			this.deps.events.emit('run-skipped', run);
			this.deps.changed();
			return {ok: false, reason, run};
		}

		if (verdict.action === 'replace') {
			for (const pending of this.queue.removeWhere(run => run.job.id === job.id)) {
				this.cancelUnstarted(pending.runId, 'replaced by a newer run');
			}

			for (const run of running) {
				this.deps.live().cancel(run, 'replaced');
			}
		}

		const run = writes.run(`record a run of ${job.id}; not run`, () => store.createRun({...base, status: 'queued'}));
		if (!run) {
			return {ok: false, reason: `history unavailable: ${writes.problem?.message ?? 'write failed'}`};
		}

		this.queue.add({...request, runId: run.id, job});
		this.deps.events.emit('run-queued', run);
		if (dispatchNow) {
			this.dispatch();
			this.deps.changed();
		}

		return {ok: true, run};
	}

	/**
	 * Starts waiting runs in free slots. With every slot taken, runs a busy worker can take next are
	 * handed to it, to start the moment its run ends without a round trip through this thread (a burst
	 * of short runs then starts at the workers' pace, not this thread's). A slot that frees with nothing
	 * queued takes back a run still waiting behind a longer one; a run that outranks runs handed ahead
	 * takes them back to the queue, so priority holds.
	 */
	dispatch(): void {
		if (this.stopped) {
			return;
		}

		const live = this.deps.live();
		const {maxParallel} = this.deps.config();
		const admission = new SlotAdmission(this.deps.config(), live.slotHolders(), live.all().map(run => run.pending));
		if (live.waitingCount > 0) {
			takeBackWaitingRuns(this.queue, live, maxParallel - admission.working);
		}

		if (!this.startInFreeSlots(admission)) {
			return;
		}

		if (admission.full && this.queue.length > 0 && handBehindBusyRuns(this.queue, live, admission)) {
			this.lastStartAt = this.deps.clock.now();
		}
	}

	/** Cancels a run still in the queue; false if it is not there. */
	cancelQueued(runId: number): boolean {
		if (this.queue.removeWhere(run => run.runId === runId).length === 0) {
			return false;
		}

		this.cancelUnstarted(runId, 'cancelled before it started');
		return true;
	}

	/** The scheduler stops: nothing more starts, and every queued run is recorded as cancelled. */
	stop(): void {
		this.stopped = true;
		for (const pending of this.queue.removeWhere(() => true)) {
			this.cancelUnstarted(pending.runId, 'not started: the scheduler stopped');
		}
	}

	/** False when history could not be written (the run stays queued). */
	private startInFreeSlots(admission: SlotAdmission): boolean {
		for (;;) {
			if (admission.full && !this.queue.hasGroups) {
				return true;
			}

			const next = this.queue.take(run => admission.admits(run));
			if (!next) {
				return true;
			}

			admission.count(next);
			if (this.deps.writes.run(`start run ${next.runId} of ${next.job.id}; it stays queued and is marked interrupted at the next start`, () => {
				this.deps.live().start(next);
				this.lastStartAt = this.deps.clock.now();
				return true;
			}) === undefined) {
				return false;
			}
		}
	}

	private cancelUnstarted(runId: number, message: string): void {
		const {store} = this.deps;
		store.updateRun(runId, {status: 'cancelled', finishedAt: this.deps.clock.now(), message});
		const record = store.getRun(runId);
		if (record) {
			// Told as a run cancelled behind a busy worker is (LiveRuns), so the log reads the same either way.
			this.deps.say('info', `■ ${record.jobId} ${message} (run ${runId})`, {jobId: record.jobId, runId});
			this.deps.endedUnrun(record);
			this.deps.events.emit('run-finished', record);
			this.deps.runWrites.announce(record);
		}

		this.deps.changed();
	}
}
