import type {RunSummary} from '../protocol/snapshot.js';

/** Each job's newest successful run the console knows of (run ids grow with time). */
export type NewestSuccesses = ReadonlyMap<string, number>;

/**
 * `successes` with these runs' successes in: the same map when none is newer than what it holds, so a
 * reader can tell a change by identity.
 */
export function withSuccesses(successes: NewestSuccesses, runs: Iterable<RunSummary | undefined>): NewestSuccesses {
	let next: Map<string, number> | undefined;
	for (const run of runs) {
		if (run?.status === 'success' && run.id > ((next ?? successes).get(run.jobId) ?? 0)) {
			next ??= new Map(successes);
			next.set(run.jobId, run.id);
		}
	}

	return next ?? successes;
}

/** A failed run is recovered when its job succeeded after it, whatever failed since. */
export function isRecovered(failure: RunSummary, successes: NewestSuccesses): boolean {
	return (successes.get(failure.jobId) ?? 0) > failure.id;
}
