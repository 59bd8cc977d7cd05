import type {ProcessIdentity} from './executor.js';
import {readProcStat} from './proc-stat.js';

/**
 * This process as a module run's process identity: the run is carried out on one of its threads, and
 * the processes its job starts are this process's children. Recorded so that the next start after a
 * kill -9 ends what the run left (found by its mark; the group, only if this process led one: no
 * `pgid`, so a group this process merely joined is never taken for the run's).
 */
export function ownProcessIdentity(): ProcessIdentity {
	const startTicks = readProcStat(process.pid)?.startTicks;
	return startTicks === undefined ? {pid: process.pid} : {pid: process.pid, startTicks};
}
