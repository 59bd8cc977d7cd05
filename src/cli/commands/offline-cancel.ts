/**
 * `cancel RUN` with no scheduler running: a failed run's next attempt that a stopped scheduler kept
 * while it waited for its backoff (its `waiting_retries` row, or its latest retry's: 10 retried as 11,
 * whose attempt 3 is kept), or while it was queued for a slot (kept after 10 though run 11 was
 * cancelled by the stop), would run at the next start, at once if due; the operator drops it here.
 * The scheduler's lock is held for the write, as a starting scheduler takes it before it reads the
 * kept retries: one starting at the same moment either finds the row gone or keeps the lock, and the
 * cancel then asks again rather than write under it.
 */
import {existsSync} from 'node:fs';
import type {AppPaths} from '../../host/paths.js';
import {InstanceLock, SchedulerRunningError} from '../../host/instance-lock.js';
import {olderSchedulerPid} from '../../host/older-scheduler-lock.js';
import type {KeptRetry} from '../../scheduler/ports.js';
import {maxRetryLinks, RetryRuns} from '../../scheduler/retry-runs.js';
import {HistoryStore} from '../../store/history-store.js';
import {openDatabase} from '../../store/open-database.js';

export type OfflineCancel = {dropped: KeptRetry} | {schedulerStarted: number | undefined} | undefined;

/**
 * Drops the kept next attempt of run `runId` (or of its latest retry).
 * @returns what was dropped; `schedulerStarted` when a scheduler holds the lock now; undefined when
 * nothing was kept for it (or no database, or a scheduler of an older version runs). Called once the
 * socket (and the beacon of a scheduler whose files were deleted) went unanswered.
 */
export function cancelKeptRetry(paths: AppPaths, runId: number): OfflineCancel {
	if (!existsSync(paths.dbFile) || olderSchedulerPid(paths.dbFile) !== undefined) {
		return undefined;
	}

	const lock = new InstanceLock(paths.lockFile);
	try {
		lock.acquire();
	} catch (error) {
		if (error instanceof SchedulerRunningError) {
			return {schedulerStarted: error.holderPid};
		}

		throw error;
	}

	try {
		const db = openDatabase(paths.dbFile);
		try {
			const store = new HistoryStore(db);
			let dropped: KeptRetry | undefined;
			store.atomically(() => {
				const links = new RetryRuns();
				for (const {runId: of, retryId} of store.retryLinks(maxRetryLinks)) {
					links.asked(of, retryId);
				}

				// Kept after its latest retry, or after an earlier run of the chain when that retry, queued
				// for a slot, was cancelled by the stop and kept in its place (queued-retries.ts: 10's retry 11).
				const chain = links.chain(runId);
				const kept = store.waitingRetries();
				dropped = chain.map(id => kept.find(retry => retry.runId === id)).findLast(retry => retry !== undefined);
				if (dropped) {
					store.forgetWaitingRetry(dropped.runId);
				}
			});
			return dropped && {dropped};
		} finally {
			db.close();
		}
	} finally {
		lock.release();
	}
}
