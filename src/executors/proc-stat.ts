import {readFileSync} from 'node:fs';
import {readFile, readdir} from 'node:fs/promises';

/** What `/proc/PID/stat` tells about a process (Linux). */
export type ProcStat = {
	pid: number;
	/** R, S, D, Z (zombie: already dead, waiting to be reaped), T… */
	state: string;
	ppid: number;
	pgid: number;
	sid: number;
	/** Field 22: when it started, in clock ticks since boot. With the pid, it names one process for good. */
	startTicks: number;
};

/**
 * Parses a stat line. The command name (field 2) is in parentheses and may itself hold spaces and
 * parentheses, so fields are counted from the last `)`.
 */
export function parseProcStat(text: string): ProcStat | undefined {
	const close = text.lastIndexOf(')');
	const pid = Number.parseInt(text, 10);
	if (close === -1 || !Number.isInteger(pid)) {
		return undefined;
	}

	// After ") ": field 3 (state) is index 0, so field N is index N - 3.
	const fields = text.slice(close + 2).split(' ');
	const number = (field: number) => Number(fields[field - 3]);
	const stat = {pid, state: fields[0] ?? '?', ppid: number(4), pgid: number(5), sid: number(6), startTicks: number(22)};
	return Number.isFinite(stat.startTicks) ? stat : undefined;
}

/** One process's stat, or undefined when there is no such process. */
export function readProcStat(pid: number): ProcStat | undefined {
	try {
		return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
	} catch {
		return undefined;
	}
}

/** Every process's stat (those that vanish while being read are left out). */
export async function readAllProcStats(): Promise<ProcStat[]> {
	let names: string[];
	try {
		names = await readdir('/proc');
	} catch {
		return [];
	}

	const stats = await Promise.all(names.filter(name => /^\d+$/.test(name)).map(async name => {
		try {
			return parseProcStat(await readFile(`/proc/${name}/stat`, 'utf8'));
		} catch {
			return undefined;
		}
	}));
	return stats.filter(stat => stat !== undefined);
}

/** Whether the process `pid` that started at `startTicks` still runs (a zombie does not; a reused pid is another process). */
export function isStillRunning(pid: number, startTicks: number): boolean {
	const stat = readProcStat(pid);
	return stat !== undefined && stat.startTicks === startTicks && stat.state !== 'Z' && stat.state !== 'X';
}
