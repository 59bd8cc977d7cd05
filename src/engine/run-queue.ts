import {priorityRank, type JobDefinition} from './job-definition.js';
import type {RunTrigger} from './run-record.js';

/** A run waiting for a free slot. */
export type PendingRun = {
	runId: number;
	job: JobDefinition;
	trigger: RunTrigger;
	scheduledAt: number;
	attempt: number;
	params: Record<string, unknown>;
	tradeDate?: string;
};

/** Waiting runs, taken by priority, then by scheduled time, then first come. */
export class RunQueue {
	private readonly pending: PendingRun[] = [];

	add(run: PendingRun): void {
		this.pending.push(run);
	}

	get length(): number {
		return this.pending.length;
	}

	has(jobId: string): boolean {
		return this.pending.some(run => run.job.id === jobId);
	}

	/** Removes and returns the matching runs. */
	removeWhere(predicate: (run: PendingRun) => boolean): PendingRun[] {
		const removed: PendingRun[] = [];
		for (let i = this.pending.length - 1; i >= 0; i--) {
			if (predicate(this.pending[i]!)) {
				removed.unshift(...this.pending.splice(i, 1));
			}
		}

		return removed;
	}

	/** Takes the best run that `admissible` allows, or undefined. */
	take(admissible: (run: PendingRun) => boolean): PendingRun | undefined {
		let bestIndex = -1;
		for (const [index, run] of this.pending.entries()) {
			if (!admissible(run)) {
				continue;
			}

			const best = this.pending[bestIndex];
			if (!best || compare(run, best) < 0) {
				bestIndex = index;
			}
		}

		return bestIndex === -1 ? undefined : this.pending.splice(bestIndex, 1)[0];
	}

	all(): readonly PendingRun[] {
		return this.pending;
	}
}

function compare(a: PendingRun, b: PendingRun): number {
	return (priorityRank[a.job.priority] - priorityRank[b.job.priority])
		|| (a.scheduledAt - b.scheduledAt)
		|| (a.runId - b.runId);
}
