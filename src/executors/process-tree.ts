import {setTimeout as sleep} from 'node:timers/promises';
import {isStillRunning, readAllProcStats, type ProcStat} from './proc-stat.js';
import {markedProcesses, type EnvironmentMark} from './run-mark.js';

/**
 * A process started as the leader of its own session and group (spawned detached), and when it
 * started. With a `mark`, every process carrying it in its environment and started no earlier than
 * the leader belongs to the tree too, wherever its parent link leads (a `setsid` grandchild whose
 * parent has died).
 */
export type TreeLeader = {pid: number; pgid: number; startTicks: number; mark?: EnvironmentMark};

/** A tree's processes: its group's members, and those outside the group. */
export type TreeMembers = {group: ProcStat[]; outside: ProcStat[]};

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
 * earlier, so never a process that merely reuses a number), the `marked` processes known to be the
 * run's, and every descendant of them by parent links, which finds grandchildren that left the group
 * with `setsid` while their parent lives.
 */
export function treeMembers(leader: TreeLeader, stats: readonly ProcStat[], marked: readonly ProcStat[] = []): TreeMembers {
	const alive = stats.filter(stat => stat.state !== 'Z' && stat.state !== 'X' && stat.startTicks >= leader.startTicks);
	const group = alive.filter(stat => stat.pgid === leader.pgid && stat.sid === leader.pgid);
	const children = new Map<number, ProcStat[]>();
	for (const stat of alive) {
		children.set(stat.ppid, [...children.get(stat.ppid) ?? [], stat]);
	}

	const seen = new Set<number>(group.map(stat => stat.pid));
	const outside = marked.filter(stat => stat.startTicks >= leader.startTicks && !seen.has(stat.pid));
	for (const stat of outside) {
		seen.add(stat.pid);
	}

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

/** The tree's processes now, those carrying the leader's mark included. */
export async function findTree(leader: TreeLeader): Promise<TreeMembers> {
	const stats = await readAllProcStats();
	const marked = leader.mark ? await markedProcesses(stats, leader.mark, leader.startTicks) : [];
	return treeMembers(leader, stats, marked);
}

/**
 * Stops a run's whole tree: SIGTERM to its group and to its processes outside the group (descendants
 * by parent links, and those carrying its mark), then, for what is still alive after `graceMs`, SIGKILL
 * (looking again for processes started meanwhile). `onSignalled` hears what the SIGTERM reached as soon
 * as it is sent. `signal` replaces SIGTERM as the first signal (a service's `stop_signal`).
 */
export async function stopProcessTree(leader: TreeLeader, graceMs: number, onSignalled?: (report: TreeReport) => void, signal: NodeJS.Signals = 'SIGTERM'): Promise<TreeReport> {
	return stopMembers(leader.pgid, async () => findTree(leader), graceMs, onSignalled, signal);
}

/**
 * Stops only the processes carrying `mark` that started no earlier than `sinceTicks`, for a run whose
 * first process's pid now names another process: that pid's group and tree are not the run's, and are
 * left alone. Also a module run's processes (its job's children, which have no group of their own). Same
 * signals and grace as stopProcessTree (`signal` first, `onSignalled` told at once); what it reaches
 * counts as outside the group.
 */
export async function stopMarkedProcesses(mark: EnvironmentMark, sinceTicks: number, graceMs: number, signal: NodeJS.Signals = 'SIGTERM', onSignalled?: (report: TreeReport) => void): Promise<TreeReport> {
	return stopMembers(0, async () => ({group: [], outside: await markedProcesses(await readAllProcStats(), mark, sinceTicks)}), graceMs, onSignalled, signal);
}

async function stopMembers(pgid: number, find: () => Promise<TreeMembers>, graceMs: number, onSignalled?: (report: TreeReport) => void, signal: NodeJS.Signals = 'SIGTERM'): Promise<TreeReport> {
	const first = await find();
	signalAll(pgid, first, signal);
	const report: TreeReport = {pgid, groupSize: first.group.length, outside: first.outside.length, killed: 0, killedGroup: 0, killedOutside: 0};
	onSignalled?.({...report});
	if (await allGone([...first.group, ...first.outside], graceMs)) {
		return report;
	}

	const last = await find();
	report.killedGroup = last.group.length;
	report.killedOutside = last.outside.length;
	report.killed = last.group.length + last.outside.length;
	signalAll(pgid, last, 'SIGKILL');
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

function signalAll(pgid: number, members: TreeMembers, signal: NodeJS.Signals): void {
	// The group exists (its members were just seen), so its number cannot belong to anyone else.
	if (members.group.length > 0) {
		send(-pgid, signal);
	}

	for (const stat of members.outside) {
		// Looked at again just before: a process that ended since it was found may have left its pid to another.
		if (isStillRunning(stat.pid, stat.startTicks)) {
			send(stat.pid, signal);
		}
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
