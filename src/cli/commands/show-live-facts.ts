import type {RunRecord} from '../../core/run-record.js';
import type {AppPaths} from '../../host/paths.js';
import {NoSchedulerError} from '../../host/socket-client.js';
import {liveScheduler} from '../scheduler-session.js';

/**
 * What only the live scheduler knows of a run, which history does not keep: why a queued run waits
 * (its snapshot's `waitingFor`), and a failed run's next attempt (`get-run`'s `nextAttempt`: due `at`
 * while it waits for its backoff).
 */
export type LiveRunFacts = {waitingFor?: string; nextAttempt?: {attempt: number; at?: number}};

/** A run of these statuses may have a next attempt to come (retry-policy.ts; a worker's run handed over). */
const mayRetry = new Set(['failed', 'timeout', 'interrupted']);

/** The live scheduler's facts of `run`; none when no scheduler runs, or the run is of a status with none. */
export async function liveRunFacts(paths: AppPaths, run: RunRecord): Promise<LiveRunFacts> {
	if (run.status !== 'queued' && !mayRetry.has(run.status)) {
		return {};
	}

	let client;
	try {
		client = await liveScheduler(paths, 'show');
	} catch (error) {
		if (error instanceof NoSchedulerError) {
			return {};
		}

		throw error;
	}

	try {
		if (run.status === 'queued') {
			const waitingFor = (await client.request('snapshot', {})).live.find(live => live.runId === run.id)?.waitingFor;
			return waitingFor === undefined ? {} : {waitingFor};
		}

		const {nextAttempt} = await client.request('get-run', {runId: run.id});
		return nextAttempt === undefined ? {} : {nextAttempt};
	} finally {
		client.close();
	}
}
