import type {ProcessIdentity} from './executor.js';
import {readProcStat} from './proc-stat.js';

let known: ProcessIdentity | undefined;

/**
 * This process as a module run's process identity: the run is carried out on one of its threads, and
 * the processes its job starts are this process's children. Recorded so that the next start after a
 * kill -9 ends what the run left (found by its mark; the group, only if this process led one: no
 * `pgid`, so a group this process merely joined is never taken for the run's). Read from /proc once:
 * a process's pid and start time never change.
 */
export function ownProcessIdentity(): ProcessIdentity {
	if (known === undefined) {
		const startTicks = readProcStat(process.pid)?.startTicks;
		known = Object.freeze(startTicks === undefined ? {pid: process.pid} : {pid: process.pid, startTicks});
	}

	return known;
}
