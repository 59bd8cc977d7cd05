/**
 * The params a run was asked for with (`run JOB --param k=v`, the API's `params`, a retry's), so the
 * operator's `retry RUN` runs the job again with them, as the job's own `retries:` do; without them it
 * ran with the job's params alone (a health check retried checked no URL, and "recovered"). Kept in
 * memory for the process's life, not in history (a secret param never reaches a history row): a run
 * asked for before this scheduler started, or by a one-off `run` beside it, is retried with the job's.
 */

/** Runs whose params are kept at most; the oldest go first. */
const maxRuns = 1000;

export class AskedParams {
	private readonly params = new Map<number, Record<string, unknown>>();

	/** Run `runId` was asked for with `params` (nothing is kept for a run asked for without any). */
	asked(runId: number, params: Record<string, unknown> | undefined): void {
		if (params === undefined || Object.keys(params).length === 0) {
			return;
		}

		this.params.set(runId, params);
		if (this.params.size > maxRuns) {
			const oldest = this.params.keys().next().value;
			if (oldest !== undefined) {
				this.params.delete(oldest);
			}
		}
	}

	/** The params run `runId` was asked for with, if any are known. */
	of(runId: number): Record<string, unknown> | undefined {
		return this.params.get(runId);
	}
}
