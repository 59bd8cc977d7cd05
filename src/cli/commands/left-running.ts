/**
 * A run history says is running while no scheduler runs for its root, that nothing carries out: a
 * scheduler that stopped without ending it (kill -9, the box powered off) left it so, and the next
 * start closes it as interrupted. A one-off `sage-console run` records its run's process (itself, or
 * the command it started), alive while it runs. A run on a worker goes on there, and a service's
 * process is adopted by the next scheduler: neither is left.
 */
import type {RunRecord} from '../../core/run-record.js';
import type {ProcessIdentity} from '../../executors/executor.js';
import {isStillRunning} from '../../executors/proc-stat.js';

/** Whether `run`, with the process history recorded for it, is left running (see above); false when that cannot be told. */
export function leftRunning(run: RunRecord, process: ProcessIdentity | undefined): boolean {
	if (run.status !== 'running' || run.worker !== undefined || run.trigger === 'service' || process?.startTicks === undefined) {
		return false;
	}

	return !isStillRunning(process.pid, process.startTicks);
}

/** `show`'s line for a run left running. */
export const leftRunningLine = 'note        left running: no scheduler runs for this root and nothing carries it out (the scheduler that ran it stopped without ending it); the next start closes it as interrupted';
