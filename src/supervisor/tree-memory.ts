/**
 * How much memory a service holds: the resident set (VmRSS) of every process of its tree — its group,
 * descendants that left it, and processes carrying its run's mark (a `setsid` child whose parent died:
 * no link leads to it) with their descendants — as pm2's max_memory_restart and systemd's MemoryMax see a
 * service whole, not its first process alone (a Python collector's worker children count).
 */
import {readFileSync} from 'node:fs';
import type {ProcStat} from '../executors/proc-stat.js';
import {treeMembers, type TreeLeader, type TreeMembers} from '../executors/process-tree.js';
import {markedProcessesNow} from '../executors/run-mark.js';

function residentKb(pid: number): number {
	try {
		const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) : 0;
	} catch {
		return 0;
	}
}

/** MiB resident in the tree of `leader` now, from `stats` (one read of /proc for every service). */
export function treeResidentMb(leader: TreeLeader, stats: readonly ProcStat[]): number {
	const {group, outside} = withMarked(leader, stats);
	const kb = [...group, ...outside].reduce((total, stat) => total + residentKb(stat.pid), 0);
	return kb / 1024;
}

/** The tree by its links, and by its mark: the environment is read only of processes the links did not find (started since the service). */
function withMarked(leader: TreeLeader, stats: readonly ProcStat[]): TreeMembers {
	const linked = treeMembers(leader, stats);
	if (!leader.mark) {
		return linked;
	}

	const found = new Set([...linked.group, ...linked.outside].map(stat => stat.pid));
	const marked = markedProcessesNow(stats.filter(stat => !found.has(stat.pid)), leader.mark, leader.startTicks);
	return marked.length === 0 ? linked : treeMembers(leader, stats, marked);
}
