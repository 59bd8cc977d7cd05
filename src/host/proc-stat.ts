import {readFileSync} from 'node:fs';

/**
 * A process's start time (clock ticks since boot, field 22 of /proc/PID/stat): with its pid, it names
 * one process for good, so a pid reused by another process is never taken for it. Undefined when the
 * process does not exist (or /proc is not there).
 */
export function processStartTicks(pid: number): number | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// The command name (field 2) is in parentheses and may contain spaces or parentheses itself.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		const ticks = Number(fields[19]);
		return Number.isFinite(ticks) ? ticks : undefined;
	} catch {
		return undefined;
	}
}

/** Whether `pid` is the very process that started at `startTicks`. */
export function isSameProcess(pid: number, startTicks: number | undefined): boolean {
	const now = processStartTicks(pid);
	return now !== undefined && (startTicks === undefined || now === startTicks);
}
