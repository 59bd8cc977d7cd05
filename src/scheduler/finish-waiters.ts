import type {RunRecord} from '../core/run-record.js';

/** Callers waiting for runs to end (`whenFinished`), by run id: each is settled once, with the final record. */
export class FinishWaiters {
	private readonly waiting = new Map<number, Array<(record: RunRecord) => void>>();

	/** Settles with the run's record when `ended` is told of it. */
	async wait(runId: number): Promise<RunRecord> {
		return new Promise(resolve => {
			const waiters = this.waiting.get(runId);
			if (waiters) {
				waiters.push(resolve);
			} else {
				this.waiting.set(runId, [resolve]);
			}
		});
	}

	ended(record: RunRecord): void {
		const waiters = this.waiting.get(record.id);
		this.waiting.delete(record.id);
		for (const resolve of waiters ?? []) {
			resolve(record);
		}
	}
}
