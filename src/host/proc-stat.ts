import {isStillRunning, readProcStat} from '../executors/proc-stat.js';

/**
 * A process's start time (clock ticks since boot, field 22 of /proc/PID/stat): with its pid, it names
 * one process for good, so a pid reused by another process is never taken for it. Undefined when the
 * process does not exist (or /proc is not there).
 */
export function processStartTicks(pid: number): number | undefined {
	return readProcStat(pid)?.startTicks;
}

/**
 * Whether `pid` is the very process that started at `startTicks`, and still runs: a zombie (killed,
 * its parent not having reaped it, which a container's init may never do) has its pid and start time
 * but does nothing and holds nothing. A holder written without a start time counts by its pid alone.
 */
export function isSameProcess(pid: number, startTicks: number | undefined): boolean {
	return isStillRunning(pid, startTicks ?? processStartTicks(pid) ?? Number.NaN);
}
