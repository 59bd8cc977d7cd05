import {readFile} from 'node:fs/promises';
import type {ProcStat} from './proc-stat.js';

/**
 * Environment entries (`NAME=value`) that, all together, mark the processes started on behalf of one
 * run. A process inherits its parent's environment, across `setsid` and a double fork too, and keeps
 * it when its parent dies and its parent link goes to init; so the mark finds the processes of a run
 * that its process group and parent links lose. A process that replaces its environment (`env -i`)
 * drops the mark: it is then found only by its group and parent links.
 */
export type EnvironmentMark = readonly string[];

/**
 * A command run's mark: its id and its log file. The log file's absolute path is created exclusively
 * for its run, so no two runs on this machine share it, whichever history (database) they belong to;
 * both are in the run's history row, so the next scheduler can look for the mark after a kill -9.
 */
export function commandRunMark(runId: number, logPath: string): EnvironmentMark {
	return [`SAGE_RUN_ID=${runId}`, `SAGE_RUN_LOG=${logPath}`];
}

/**
 * A service run's mark: its id, the service's stdout file (its run's log in history) and the history
 * database. The stdout file is the same for every run of the service, and two schedulers may share a
 * root with a database each (`--db`), so their run ids meet: the database's absolute path, of which one
 * scheduler at a time is in charge, makes the run id unique on this machine. All three are known to the
 * next scheduler on that database after a kill -9.
 */
export function serviceRunMark(runId: number, outPath: string, database: string): EnvironmentMark {
	return [...commandRunMark(runId, outPath), `SAGE_RUN_DB=${database}`];
}

/** The variables of `mark`, for a spawn's environment. */
export function markVariables(mark: EnvironmentMark): Record<string, string> {
	return Object.fromEntries(mark.map(entry => {
		const equals = entry.indexOf('=');
		return [entry.slice(0, equals), entry.slice(equals + 1)];
	}));
}

/**
 * The live processes of `stats` that carry `mark` and started no earlier than `sinceTicks` (the run's
 * first process: none of its processes is older), never this process. The environment is read from
 * `/proc/PID/environ` (what the process was started with), readable for our own user's processes, or
 * any as root; one that cannot be read is not counted as marked.
 */
export async function markedProcesses(stats: readonly ProcStat[], mark: EnvironmentMark, sinceTicks: number): Promise<ProcStat[]> {
	const candidates = stats.filter(stat => isCandidate(stat, sinceTicks));
	const marked = await Promise.all(candidates.map(async stat => carriesMark(stat.pid, mark)));
	return candidates.filter((_stat, index) => marked[index]);
}

function isCandidate(stat: ProcStat, sinceTicks: number): boolean {
	return stat.startTicks >= sinceTicks && stat.state !== 'Z' && stat.state !== 'X' && stat.pid !== process.pid;
}

async function carriesMark(pid: number, mark: EnvironmentMark): Promise<boolean> {
	let text: string | undefined;
	try {
		text = await readFile(`/proc/${pid}/environ`, 'utf8');
	} catch {
		// Gone, or another user's.
	}

	return environmentHas(text, mark);
}

function environmentHas(text: string | undefined, mark: EnvironmentMark): boolean {
	if (text === undefined) {
		return false;
	}

	const environment = text.split('\0');
	return mark.every(entry => environment.includes(entry));
}
