import type {SchedulerConfig} from '../core/job-definition.js';
import {isGroup, type PendingRun} from './run-queue.js';

/**
 * Which waiting run may start now, given what is already running: `max_parallel` over all jobs, each
 * queue's limit, and one run per job unless it allows more. A group does no work of its own, so it takes
 * no slot (else its members could never start). With every slot taken, which run may be handed to a
 * busy worker to start after its run (taking that slot then): a module job with no limits of its own,
 * in a queue without a limit.
 */
export class SlotAdmission {
	private readonly perQueue = new Map<string, number>();
	private readonly liveJobs = new Set<string>();
	private taken = 0;

	/**
	 * @param slotHolders Runs holding a slot (started, or next on their worker).
	 * @param live Every run handed to a runner, started or waiting behind another.
	 */
	constructor(private readonly config: Pick<SchedulerConfig, 'maxParallel' | 'queueLimits'>, slotHolders: Iterable<PendingRun>, live: Iterable<PendingRun> = []) {
		for (const run of slotHolders) {
			this.count(run);
		}

		for (const run of live) {
			this.liveJobs.add(run.job.id);
		}
	}

	/** Slots taken. */
	get working(): number {
		return this.taken;
	}

	/** Every slot is taken: only a group (which takes none) could start. */
	get full(): boolean {
		return this.taken >= this.config.maxParallel;
	}

	admits(run: PendingRun): boolean {
		// Only `allow` (and `replace`, whose old run is already being stopped) runs a job beside itself.
		return !this.waitsForItself(run) && (isGroup(run) || (this.taken < this.config.maxParallel
			&& (this.perQueue.get(run.job.queue) ?? 0) < (this.config.queueLimits[run.job.queue] ?? Number.POSITIVE_INFINITY)));
	}

	/** Whether a run may wait on a busy worker, to start there after its run. */
	admitsBehind(run: PendingRun): boolean {
		const job = run.job;
		return job.target.kind === 'module' && job.maxMemoryMb === undefined && this.config.queueLimits[job.queue] === undefined
			&& !this.waitsForItself(run);
	}

	/** A run of a job that runs one at a time, while that job has a run going or waiting: it waits for that run, not for a slot. */
	waitsForItself(run: PendingRun): boolean {
		return run.job.concurrency !== 'allow' && run.job.concurrency !== 'replace' && this.liveJobs.has(run.job.id);
	}

	/** Counts a run handed behind another. */
	countBehind(run: PendingRun): void {
		this.liveJobs.add(run.job.id);
	}

	/** Counts a run that is starting. */
	count(run: PendingRun): void {
		this.liveJobs.add(run.job.id);
		if (!isGroup(run)) {
			this.perQueue.set(run.job.queue, (this.perQueue.get(run.job.queue) ?? 0) + 1);
			this.taken++;
		}
	}
}
