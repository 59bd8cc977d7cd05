import type {ProcessIdentity} from './executor.js';
import {readProcStat} from './proc-stat.js';
import {describeTree, stopProcessTree} from './process-tree.js';

/**
 * For the host's start-up: ends what runs of a previous scheduler left running (the identities its
 * history recorded for runs that were still going). A recorded process that still runs with the same
 * start time is stopped with its whole tree, SIGTERM then SIGKILL after `graceMs`; so are members of
 * its group that outlived it (a leader killed with the scheduler leaves its group behind). A pid now
 * used by another process, or recorded without a start time, is never touched. Never rejects; returns
 * one line per identity saying what was done.
 */
export async function endLeftoverProcesses(identities: readonly ProcessIdentity[], options: {graceMs?: number} = {}): Promise<string[]> {
	const graceMs = options.graceMs ?? 2000;
	return Promise.all(identities.map(async identity => {
		try {
			return await endLeftover(identity, graceMs);
		} catch (error) {
			return `pid ${identity.pid}: could not be checked (${error instanceof Error ? error.message : String(error)})`;
		}
	}));
}

async function endLeftover(identity: ProcessIdentity, graceMs: number): Promise<string> {
	const {pid, startTicks} = identity;
	if (startTicks === undefined) {
		return `pid ${pid}: left alone (no start time was recorded, so it cannot be told from a reused pid)`;
	}

	const now = readProcStat(pid);
	if (now && now.startTicks !== startTicks) {
		// The number was reused, so the old group is gone too (a group's number is never handed out while it has members).
		return `pid ${pid}: left alone (it is another process now)`;
	}

	const leader = {pid, pgid: identity.pgid ?? pid, startTicks};
	const report = await stopProcessTree(leader, graceMs);
	const reached = report.groupSize + report.outside;
	if (reached === 0) {
		return `pid ${pid}: already gone`;
	}

	const killed = report.killed > 0 ? `; ${report.killed} needed SIGKILL` : '';
	return `pid ${pid}: ended ${now && now.state !== 'Z' ? 'leftover' : 'what its run left of'} ${describeTree(report)}${killed}`;
}
