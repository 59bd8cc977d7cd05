import {priorityRank, type JobDefinition} from '../core/job-definition.js';
import type {RunTrigger} from '../core/run-record.js';

/** A run waiting for a free slot. */
export type PendingRun = {
	runId: number;
	job: JobDefinition;
	trigger: RunTrigger;
	scheduledAt: number;
	attempt: number;
	params: Record<string, unknown>;
	tradeDate?: string;
	/** Its log file, once one was taken for it (a run handed to a worker and taken back keeps it). */
	logPath?: string;
};

/** A group does no work of its own: its members run through the queue. */
export function isGroup(run: PendingRun): boolean {
	return run.job.target.kind === 'group';
}

/**
 * Waiting runs, taken by priority, then by scheduled time, then first come. Kept in that order, so
 * taking the best admissible run usually looks at the first one only.
 */
export class RunQueue {
	private readonly pending: PendingRun[] = [];
	private groups = 0;
	private readonly perJob = new Map<string, number>();

	/** Whether a group run waits (groups take no slot, so they may start when every slot is busy). */
	get hasGroups(): boolean {
		return this.groups > 0;
	}

	add(run: PendingRun): void {
		this.groups += isGroup(run) ? 1 : 0;
		this.perJob.set(run.job.id, (this.perJob.get(run.job.id) ?? 0) + 1);
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

	get length(): number {
		return this.pending.length;
	}

	has(jobId: string): boolean {
		return this.perJob.has(jobId);
	}

	/** Removes and returns the matching runs. */
	removeWhere(predicate: (run: PendingRun) => boolean): PendingRun[] {
		const removed: PendingRun[] = [];
		for (let i = this.pending.length - 1; i >= 0; i--) {
			if (predicate(this.pending[i]!)) {
				removed.unshift(this.removeAt(i));
			}
		}

		return removed;
	}

	/** Removes one run (taken by identity). */
	remove(run: PendingRun): void {
		const index = this.pending.indexOf(run);
		if (index !== -1) {
			this.removeAt(index);
		}
	}

	/** Takes the best run that `admissible` allows, or undefined. */
	take(admissible: (run: PendingRun) => boolean): PendingRun | undefined {
		const index = this.pending.findIndex(run => admissible(run));
		return index === -1 ? undefined : this.removeAt(index);
	}

	private removeAt(index: number): PendingRun {
		const [run] = this.pending.splice(index, 1);
		this.groups -= isGroup(run!) ? 1 : 0;
		const left = this.perJob.get(run!.job.id)! - 1;
		if (left === 0) {
			this.perJob.delete(run!.job.id);
		} else {
			this.perJob.set(run!.job.id, left);
		}

		return run!;
	}

	all(): readonly PendingRun[] {
		return this.pending;
	}
}

/** Whether `a` is taken before `b`: by priority, then scheduled time, then first come. */
export function outranks(a: PendingRun, b: PendingRun): boolean {
	return compare(a, b) < 0;
}

function compare(a: PendingRun, b: PendingRun): number {
	return (priorityRank[a.job.priority] - priorityRank[b.job.priority])
		|| (a.scheduledAt - b.scheduledAt)
		|| (a.runId - b.runId);
}
