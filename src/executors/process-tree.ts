import {setTimeout as sleep} from 'node:timers/promises';
import {isStillRunning, readAllProcStats, type ProcStat} from './proc-stat.js';

/** A process started as the leader of its own session and group (spawned detached), and when it started. */
export type TreeLeader = {pid: number; pgid: number; startTicks: number};

/** What stopping a tree found and did. */
export type TreeReport = {
	pgid: number;
	/** Processes in the group when it was signalled. */
	groupSize: number;
	/** Descendants found through parent links outside the group (e.g. after `setsid`). */
	outside: number;
	/** Processes still alive after the grace, killed with SIGKILL: in the group, and outside it. */
	killed: number;
	killedGroup: number;
	killedOutside: number;
};

const pollMs = 50;
/** How long processes sent SIGKILL are waited for (one stuck in uninterruptible I/O may take longer; it is not waited for). */
const killWaitMs = 2000;

/**
 * A run's processes now: the members of its group (same group and session as the leader, started no
 * earlier, so never a process that merely reuses a number) and every descendant of them by parent
 * links, which finds grandchildren that left the group with `setsid` while their parent lives.
 */
export function treeMembers(leader: TreeLeader, stats: readonly ProcStat[]): {group: ProcStat[]; outside: ProcStat[]} {
	const alive = stats.filter(stat => stat.state !== 'Z' && stat.state !== 'X' && stat.startTicks >= leader.startTicks);
	const group = alive.filter(stat => stat.pgid === leader.pgid && stat.sid === leader.pgid);
	const children = new Map<number, ProcStat[]>();
	for (const stat of alive) {
		children.set(stat.ppid, [...children.get(stat.ppid) ?? [], stat]);
	}

	const seen = new Set<number>(group.map(stat => stat.pid));
	const outside: ProcStat[] = [];
	const queue = [leader.pid, ...seen];
	while (queue.length > 0) {
		for (const child of children.get(queue.pop()!) ?? []) {
			if (!seen.has(child.pid)) {
				seen.add(child.pid);
				outside.push(child);
				queue.push(child.pid);
			}
		}
	}

	return {group, outside};
}

/**
 * Stops a run's whole tree: SIGTERM to its group and to its descendants outside the group, then,
 * for what is still alive after `graceMs`, SIGKILL (looking again for descendants started meanwhile).
 * `onSignalled` hears what the SIGTERM reached as soon as it is sent. `signal` replaces SIGTERM as the
 * first signal (a service's `stop_signal`).
 */
export async function stopProcessTree(leader: TreeLeader, graceMs: number, onSignalled?: (report: TreeReport) => void, signal: NodeJS.Signals = 'SIGTERM'): Promise<TreeReport> {
	const first = treeMembers(leader, await readAllProcStats());
	signalAll(leader, first, signal);
	const report: TreeReport = {pgid: leader.pgid, groupSize: first.group.length, outside: first.outside.length, killed: 0, killedGroup: 0, killedOutside: 0};
	onSignalled?.({...report});
	if (await allGone([...first.group, ...first.outside], graceMs)) {
		return report;
	}

	const last = treeMembers(leader, await readAllProcStats());
	report.killedGroup = last.group.length;
	report.killedOutside = last.outside.length;
	report.killed = last.group.length + last.outside.length;
	signalAll(leader, last, 'SIGKILL');
	// A killed process is gone only once the kernel has torn it down (on a busy machine, a little later).
	await allGone([...last.group, ...last.outside], killWaitMs);
	return report;
}

/** Waits until none of `stats` runs any more, or `ms` have passed (false then). */
async function allGone(stats: readonly ProcStat[], ms: number): Promise<boolean> {
	for (const deadline = Date.now() + ms; ;) {
		if (!stats.some(stat => isStillRunning(stat.pid, stat.startTicks))) {
			return true;
		}

		if (Date.now() >= deadline) {
			return false;
		}

		await sleep(pollMs);
	}
}

function signalAll(leader: TreeLeader, members: {group: ProcStat[]; outside: ProcStat[]}, signal: NodeJS.Signals): void {
	// The group exists (its members were just seen), so its number cannot belong to anyone else.
	if (members.group.length > 0) {
		send(-leader.pgid, signal);
	}

	for (const stat of members.outside) {
		send(stat.pid, signal);
	}
}

function send(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(pid, signal);
	} catch {
		// Gone in the meantime.
	}
}

/** "process group 1234 (3 processes) and 1 descendant outside it" */
export function describeTree(report: Pick<TreeReport, 'pgid' | 'groupSize' | 'outside'>): string {
	const group = `process group ${report.pgid} (${report.groupSize} ${report.groupSize === 1 ? 'process' : 'processes'})`;
	return report.outside === 0 ? group : `${group} and ${report.outside} ${report.outside === 1 ? 'descendant' : 'descendants'} outside it`;
}
