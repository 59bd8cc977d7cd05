/**
 * Which run each retry was asked for as, the operator's (`retry RUN`) and the job's own (`retries:`),
 * so a second retry of a run whose retry is still queued or running, or has failed with its own next
 * attempt still to come, is refused instead of making a second run of the same attempt, and a cancel
 * of the run reaches that attempt. A retry's row names the run it follows (`retry_of`), and a start
 * reads the newest links back: a next attempt kept across a restart (kept-retries.ts), or a retry a
 * worker still runs, is guarded and cancelled after it as before it.
 */

/** Links kept at most, and read back at a start; the oldest go first (their retries ended long ago). */
export const maxRetryLinks = 10_000;

export class RetryRuns {
	/** The run of each retry, by the run it retried. */
	private readonly retryOf = new Map<number, number>();

	/** Run `previousId` was retried as run `retryId`. */
	asked(previousId: number, retryId: number): void {
		this.retryOf.delete(previousId);
		this.retryOf.set(previousId, retryId);
		if (this.retryOf.size > maxRetryLinks) {
			const oldest = this.retryOf.keys().next().value;
			if (oldest !== undefined) {
				this.retryOf.delete(oldest);
			}
		}
	}

	/**
	 * The latest retry of run `runId`, followed through its own retries (27 retried as 29, 29 as 31: 31),
	 * so the run that carries the retry on now is the one named.
	 */
	latest(runId: number): number | undefined {
		return this.chain(runId).slice(1).at(-1);
	}

	/** Run `runId` and its retries in turn (27, 29, 31), the latest last. */
	chain(runId: number): number[] {
		const chain = [runId];
		// A retry's id is always above its run's, so the walk ends.
		for (let next = this.retryOf.get(runId); next !== undefined; next = this.retryOf.get(next)) {
			chain.push(next);
		}

		return chain;
	}
}
