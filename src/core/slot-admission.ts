import type {SchedulerConfig} from './job-definition.js';
import {isGroup, type PendingRun} from './run-queue.js';

/**
 * Which waiting run may start now, given the runs already going: `max_parallel` over all jobs, each
 * queue's limit, and one run per job unless its `concurrency` allows more. A group does no work of its
 * own, so it takes no slot (else its members could never start).
 */
export class SlotAdmission {
	private readonly perQueue = new Map<string, number>();
	private readonly liveJobs = new Set<string>();
	private taken = 0;

	constructor(private readonly config: Pick<SchedulerConfig, 'maxParallel' | 'queueLimits'>, running: Iterable<PendingRun>) {
		for (const run of running) {
			this.count(run);
		}
	}

	/** Every slot is taken: only a group could start. */
	get full(): boolean {
		return this.taken >= this.config.maxParallel;
	}

	admits(run: PendingRun): boolean {
		if (this.waitsForItself(run)) {
			return false;
		}

		return isGroup(run) || (!this.full
			&& (this.perQueue.get(run.job.queue) ?? 0) < (this.config.queueLimits[run.job.queue] ?? Number.POSITIVE_INFINITY));
	}

	/** Counts a run that starts. */
	count(run: PendingRun): void {
		this.liveJobs.add(run.job.id);
		if (!isGroup(run)) {
			this.perQueue.set(run.job.queue, (this.perQueue.get(run.job.queue) ?? 0) + 1);
			this.taken++;
		}
	}

	/** Only `allow` (and `replace`, whose old run is already being stopped) runs a job beside itself. */
	private waitsForItself(run: PendingRun): boolean {
		return run.job.concurrency !== 'allow' && run.job.concurrency !== 'replace' && this.liveJobs.has(run.job.id);
	}
}
