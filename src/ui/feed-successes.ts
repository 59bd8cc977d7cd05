import type {SchedulerClient} from '../protocol/client.js';
import type {RunSummary} from '../protocol/snapshot.js';
import {withSuccesses, type NewestSuccesses} from './newest-successes.js';

/**
 * Each job's newest success as the console learns it (a job's last run alone may be a later failure):
 * from snapshots and runs' ends, and from history for the jobs that failed today.
 */
export class FeedSuccesses {
	private current: NewestSuccesses = new Map();

	/** `changed` is called when a newer success arrived. */
	constructor(private readonly changed: () => void) {}

	/** Replaced when it changes, so a reader can tell a change by identity. */
	get newest(): NewestSuccesses {
		return this.current;
	}

	note(runs: Iterable<RunSummary | undefined>): void {
		const next = withSuccesses(this.current, runs);
		if (next !== this.current) {
			this.current = next;
			this.changed();
		}
	}

	/**
	 * The newest success of each job that failed today, from history: one that came before the
	 * console opened, with a failure since, is in no snapshot. Unanswered, the console knows less.
	 */
	ask(client: SchedulerClient, failuresToday: readonly RunSummary[]): void {
		for (const jobId of new Set(failuresToday.map(run => run.jobId))) {
			client.request('history', {jobId, status: 'success', limit: 1}).then(runs => {
				this.note(runs);
			}, () => undefined);
		}
	}
}
