/**
 * The next attempt of an ended run that the scheduler asked for before a command began to watch for
 * it (NextAttemptsWatch sees only the ones asked for after): `logs 1 --follow` given attempt 1 while
 * attempt 2 already runs, or ended. Found in the history as the scheduler writes it: the first retry run
 * after it of the same job and trade day, one attempt further.
 */
import type {RunRecord} from '../core/run-record.js';
import {failureStatuses} from '../core/run-record.js';
import type {SchedulerClient} from '../protocol/client.js';
import type {RunSummary} from '../protocol/snapshot.js';

/** Runs asked for a page of history; a retry comes soon after the attempt it follows, so the first page nearly always has it. */
const pageSize = 200;

/** The run of `previous`'s next attempt already asked for, if there is one. */
export async function askedNextAttempt(client: SchedulerClient, previous: RunRecord): Promise<RunSummary | undefined> {
	// Only a failed, timed-out or interrupted (handed-over) attempt is tried again.
	if (!failureStatuses.has(previous.status)) {
		return undefined;
	}

	let found: RunSummary | undefined;
	let beforeId: number | undefined;
	for (;;) {
		// Newest first, each retry of the job since `previous` was scheduled (a retry is scheduled when it is asked for).
		const page = await client.request('history', {jobId: previous.jobId, trigger: 'retry', since: previous.scheduledAt, limit: pageSize, ...(beforeId === undefined ? {} : {beforeId})});
		for (const run of page) {
			if (run.id > previous.id && run.attempt === previous.attempt + 1 && run.tradeDate === previous.tradeDate) {
				found = run;
			}
		}

		const oldest = page.at(-1);
		if (page.length < pageSize || oldest === undefined || oldest.id <= previous.id) {
			return found;
		}

		beforeId = oldest.id;
	}
}
