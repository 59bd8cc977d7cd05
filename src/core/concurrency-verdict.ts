import type {JobDefinition} from './job-definition.js';
import type {RunTrigger} from './run-record.js';

export type ConcurrencyVerdict = {action: 'enqueue'} | {action: 'replace'} | {action: 'skip'; reason: string};

/** Catch-up, backfill, retry and group runs are owed work: they wait their turn instead of being skipped. */
const owedTriggers: ReadonlySet<RunTrigger> = new Set(['catch-up', 'backfill', 'retry', 'group']);

/**
 * What a new run of `job` does when the job may already be busy: the `concurrency` policy
 * (skip, queue with at most one waiting, replace the old run, or allow runs side by side).
 * `owed`: the run is owed work whatever its trigger (a backfill's chain run): it waits its turn.
 */
export function concurrencyVerdict(job: JobDefinition, trigger: RunTrigger, running: number, queued: boolean, owed = false): ConcurrencyVerdict {
	const busy = !owed && !owedTriggers.has(trigger) && (running > 0 || queued);
	if (!busy) {
		return {action: 'enqueue'};
	}

	switch (job.concurrency) {
		case 'skip': {
			return {action: 'skip', reason: 'previous run still going (concurrency: skip)'};
		}

		case 'queue': {
			return queued ? {action: 'skip', reason: 'a run is already waiting (concurrency: queue)'} : {action: 'enqueue'};
		}

		case 'replace': {
			return {action: 'replace'};
		}

		case 'allow': {
			return {action: 'enqueue'};
		}
	}
}
