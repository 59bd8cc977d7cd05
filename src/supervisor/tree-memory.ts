/**
 * How much memory a service holds: the resident set (VmRSS) of every process of its tree — its group
 * and descendants that left it — as pm2's max_memory_restart and systemd's MemoryMax see a service
 * whole, not its first process alone (a Python collector's worker children count).
 */
import {readFileSync} from 'node:fs';
import type {ProcStat} from '../executors/proc-stat.js';
import {treeMembers, type TreeLeader} from '../executors/process-tree.js';

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
	const {group, outside} = treeMembers(leader, stats);
	const kb = [...group, ...outside].reduce((total, stat) => total + residentKb(stat.pid), 0);
	return kb / 1024;
}
