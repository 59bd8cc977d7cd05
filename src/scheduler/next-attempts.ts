/**
 * A run's next attempt (a retry after its backoff, or a worker's run handed over), for whoever waits
 * on the run's last word: a group waits so for each member, so a member fails only after its last retry.
 */
import type {RunRecord} from '../core/run-record.js';

type Coming = {previous: RunRecord; resolve?: (next: RunRecord | undefined) => void};

/** Why the latest dropped next attempts were not run are kept for a client that asks after: this many of them. */
const droppedWhyKept = 500;

export class NextAttempts {
	/** Ended runs whose next attempt is coming, by run id. */
	private readonly coming = new Map<number, Coming>();
	/** Why a run's next attempt was dropped, by run id: the latest droppedWhyKept, for `run` and `logs --follow`. */
	private readonly dropped = new Map<number, string>();

	/** A run ended; `nextAttempt`: another attempt of it will be asked for. */
	ended(record: RunRecord, nextAttempt: boolean): void {
		if (nextAttempt) {
			this.coming.set(record.id, {previous: record});
		}
	}

	/** The attempt number of the run's next attempt while it is coming (not asked for yet). */
	comingAttempt(runId: number): number | undefined {
		const coming = this.coming.get(runId);
		return coming && coming.previous.attempt + 1;
	}

	/** Settles with the next attempt's run once it is asked for; undefined when none comes. */
	async wait(runId: number): Promise<RunRecord | undefined> {
		const coming = this.coming.get(runId);
		if (!coming) {
			return undefined;
		}

		return new Promise(resolve => {
			coming.resolve = resolve;
		});
	}

	/** A run was asked for: when it is the next attempt of a run that ended, its waiter hears of it. */
	requested(record: RunRecord): void {
		if (record.trigger !== 'retry') {
			return;
		}

		for (const [runId, {previous, resolve}] of this.coming) {
			if (previous.jobId === record.jobId && previous.attempt + 1 === record.attempt && previous.tradeDate === record.tradeDate) {
				this.coming.delete(runId);
				resolve?.(record);
				return;
			}
		}
	}

	/** No next attempt will come for this run (it was dropped); `why`, as the scheduler's log says it. */
	drop(runId: number, why?: string): void {
		if (why !== undefined && this.coming.has(runId)) {
			this.dropped.set(runId, why);
			if (this.dropped.size > droppedWhyKept) {
				this.dropped.delete(this.dropped.keys().next().value!);
			}
		}

		this.coming.get(runId)?.resolve?.(undefined);
		this.coming.delete(runId);
	}

	/** Why run `runId`'s next attempt was dropped (`cancelled while it waited for its backoff after run 7`), when it was, lately. */
	droppedWhy(runId: number): string | undefined {
		return this.dropped.get(runId);
	}

	/** The scheduler stops: no next attempt comes for any run. */
	stop(): void {
		for (const runId of [...this.coming.keys()]) {
			this.drop(runId);
		}
	}
}
