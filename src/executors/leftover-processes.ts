import type {ProcessIdentity} from './executor.js';
import {readProcStat} from './proc-stat.js';
import {describeTree, stopMarkedProcesses, stopProcessTree} from './process-tree.js';
import type {EnvironmentMark} from './run-mark.js';

/** A left run's process as its history recorded it, and the mark its run's processes carry (see run-mark.ts). */
export type LeftoverProcess = ProcessIdentity & {mark?: EnvironmentMark};

/**
 * For the host's start-up: ends what runs of a previous scheduler left running (the identities its
 * history recorded for runs that were still going). A recorded process that still runs with the same
 * start time is stopped with its whole tree, SIGTERM then SIGKILL after `graceMs`; so are members of
 * its group that outlived it (a leader killed with the scheduler leaves its group behind), and, given
 * the run's `mark`, every process started since that carries it (a `setsid` grandchild whose parent
 * died with the leader has no parent link left to find it by). A pid now used by another process, or
 * recorded without a start time, is never touched; nor is this very process, a module run's recorded
 * process when a host is started again in the process that ran it (only what carries the mark is ended
 * then). Never rejects; returns one line per identity saying what was done.
 */
export async function endLeftoverProcesses(identities: readonly LeftoverProcess[], options: {graceMs?: number} = {}): Promise<string[]> {
	const graceMs = options.graceMs ?? 2000;
	return Promise.all(identities.map(async identity => {
		try {
			return await endLeftover(identity, graceMs);
		} catch (error) {
			return `pid ${identity.pid}: could not be checked (${error instanceof Error ? error.message : String(error)})`;
		}
	}));
}

async function endLeftover(identity: LeftoverProcess, graceMs: number): Promise<string> {
	const {pid, startTicks, mark} = identity;
	if (startTicks === undefined) {
		return `pid ${pid}: left alone (no start time was recorded, so it cannot be told from a reused pid)`;
	}

	const now = readProcStat(pid);
	if (now && now.startTicks === startTicks && pid === process.pid) {
		// A module run's process is the scheduler's (own-process.ts): a host started again in the same process never stops itself or its group.
		const report = mark ? await stopMarkedProcesses(mark, startTicks, graceMs) : undefined;
		const ended = report && report.outside > 0 ? `; ended ${report.outside} ${report.outside === 1 ? 'process' : 'processes'} its run started${killedText(report.killed)}` : '';
		return `pid ${pid}: left alone (it is this scheduler's own process)${ended}`;
	}

	if (now && now.startTicks !== startTicks) {
		// The number was reused, so the old group is gone too (a group's number is never handed out while it has members);
		// what left the group is found by its mark alone.
		const report = mark ? await stopMarkedProcesses(mark, startTicks, graceMs) : undefined;
		const ended = report && report.outside > 0 ? `; ended ${report.outside} ${report.outside === 1 ? 'process' : 'processes'} its run left outside its group${killedText(report.killed)}` : '';
		return `pid ${pid}: left alone (it is another process now)${ended}`;
	}

	const leader = {pid, pgid: identity.pgid ?? pid, startTicks, mark};
	const report = await stopProcessTree(leader, graceMs);
	const reached = report.groupSize + report.outside;
	if (reached === 0) {
		return `pid ${pid}: already gone`;
	}

	return `pid ${pid}: ended ${now && now.state !== 'Z' ? 'leftover' : 'what its run left of'} ${describeTree(report)}${killedText(report.killed)}`;
}

function killedText(killed: number): string {
	return killed > 0 ? `; ${killed} needed SIGKILL` : '';
}
