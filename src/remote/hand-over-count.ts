import type {RunSpec} from '../executors/executor.js';

/** Scheduled runs remembered at most (the oldest is forgotten first). */
const remembered = 1000;

/**
 * How many times each scheduled run (a job and its scheduled time) went to another worker because it
 * did not finish on its own: a job that kills its worker each time stops at `most`, instead of taking
 * the workers down one by one.
 */
export class HandOverCount {
	private readonly counts = new Map<string, number>();

	constructor(private readonly most: number) {}

	/** Whether the run may go to another worker once more; counted when it may. */
	take(spec: RunSpec): boolean {
		const key = `${spec.jobId}.${spec.scheduledAt}`;
		const count = this.counts.get(key) ?? 0;
		if (count >= this.most) {
			return false;
		}

		this.counts.set(key, count + 1);
		if (this.counts.size > remembered) {
			this.counts.delete(this.counts.keys().next().value!);
		}

		return true;
	}
}
