import {statSync} from 'node:fs';
import type {RunRecord} from '../core/run-record.js';

/** When a run left by a dead scheduler was last known alive, and what says so (for the run's message). */
export type LastSignOfLife = {at: number; basis: string};

/**
 * The best evidence of when a run left running by a dead scheduler was last alive: its run log's last
 * write (its process wrote it until it died with the scheduler), else its start. Never later than
 * `now` nor earlier than its start; undefined for a run that never started (it ends when it is closed).
 */
export function lastSignOfLife(run: Pick<RunRecord, 'startedAt' | 'logPath'>, now: number): LastSignOfLife | undefined {
	if (run.startedAt === undefined) {
		return undefined;
	}

	const written = run.logPath ? lastWrite(run.logPath) : undefined;
	if (written !== undefined && written >= run.startedAt) {
		return {at: Math.min(written, now), basis: 'its run log\'s last write'};
	}

	return {at: Math.min(run.startedAt, now), basis: 'its start; its run log has no later write'};
}

/** The file's time in whole milliseconds, as every time in history (mtimeMs has the file system's nanoseconds). */
function lastWrite(file: string): number | undefined {
	try {
		return Math.floor(statSync(file).mtimeMs);
	} catch {
		return undefined;
	}
}
