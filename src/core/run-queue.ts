import {priorityRank, type JobDefinition} from './job-definition.js';
import type {RunTrigger} from './run-record.js';

/** A run asked for and recorded, waiting for a free slot. */
export type PendingRun = {
	runId: number;
	job: JobDefinition;
	trigger: RunTrigger;
	scheduledAt: number;
	attempt: number;
	params: Record<string, unknown>;
	tradeDate?: string;
	/** Part of a backfill: a backfill run's chain run (or its chain's, or a retry of one); owed its turn like the backfill run itself. */
	backfill?: boolean;
};

/** A group does no work of its own: its members run through the queue. */
export function isGroup(run: PendingRun): boolean {
	return run.job.target.kind === 'group';
}

/** Taken first: higher priority, then the earlier scheduled time, then the older run. */
function compare(a: PendingRun, b: PendingRun): number {
	return (priorityRank[a.job.priority] - priorityRank[b.job.priority])
		|| (a.scheduledAt - b.scheduledAt)
		|| (a.runId - b.runId);
}

/** Waiting runs, kept in the order they are taken: priority, then scheduled time, then first come. */
export class RunQueue {
	private readonly pending: PendingRun[] = [];
	private readonly perJob = new Map<string, number>();
	private groups = 0;

	get length(): number {
		return this.pending.length;
	}

	/** A group waits (groups take no slot, so one may start while every slot is busy). */
	get hasGroups(): boolean {
		return this.groups > 0;
	}

	add(run: PendingRun): void {
		this.counted(run, 1);
		let low = 0;
		let high = this.pending.length;
		while (low < high) {
			const middle = (low + high) >>> 1;
			if (compare(this.pending[middle]!, run) <= 0) {
				low = middle + 1;
			} else {
				high = middle;
			}
		}

		this.pending.splice(low, 0, run);
	}

	has(jobId: string): boolean {
		return this.perJob.has(jobId);
	}

	/** Removes and returns the matching runs, in queue order. */
	removeWhere(predicate: (run: PendingRun) => boolean): PendingRun[] {
		const removed: PendingRun[] = [];
		for (let i = this.pending.length - 1; i >= 0; i--) {
			if (predicate(this.pending[i]!)) {
				removed.unshift(this.removeAt(i));
			}
		}

		return removed;
	}

	/** Takes the first run that `admissible` allows. */
	take(admissible: (run: PendingRun) => boolean): PendingRun | undefined {
		const index = this.pending.findIndex(run => admissible(run));
		return index === -1 ? undefined : this.removeAt(index);
	}

	private removeAt(index: number): PendingRun {
		const [run] = this.pending.splice(index, 1);
		this.counted(run!, -1);
		return run!;
	}

	private counted(run: PendingRun, delta: 1 | -1): void {
		this.groups += isGroup(run) ? delta : 0;
		const count = (this.perJob.get(run.job.id) ?? 0) + delta;
		if (count === 0) {
			this.perJob.delete(run.job.id);
		} else {
			this.perJob.set(run.job.id, count);
		}
	}

	all(): readonly PendingRun[] {
		return this.pending;
	}
}
