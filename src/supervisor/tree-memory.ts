/**
 * How much memory a service holds: the resident set (VmRSS) of every process of its tree — its group,
 * descendants that left it, and processes carrying its run's mark (a `setsid` child whose parent died:
 * no link leads to it) with their descendants — as pm2's max_memory_restart and systemd's MemoryMax see a
 * service whole, not its first process alone (a Python collector's worker children count).
 */
import {readFileSync} from 'node:fs';
import type {ProcStat} from '../executors/proc-stat.js';
import {treeMembers, type TreeLeader, type TreeMembers} from '../executors/process-tree.js';
import {MarkedProcessCache} from './marked-process-cache.js';

function residentKb(pid: number): number {
	try {
		const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) : 0;
	} catch {
		return 0;
	}
}

/** One service process's tree, polled for its memory; what the environments told is kept for the next poll. */
export class TreeMemory {
	private readonly marks: MarkedProcessCache | undefined;

	constructor(readonly leader: TreeLeader) {
		this.marks = leader.mark && new MarkedProcessCache(leader.mark, leader.startTicks);
	}

	/** MiB resident in the tree now, from `stats` (one read of /proc for every service). */
	residentMb(stats: readonly ProcStat[]): number {
		const {group, outside} = this.members(stats);
		const kb = [...group, ...outside].reduce((total, stat) => total + residentKb(stat.pid), 0);
		return kb / 1024;
	}

	/** The tree by its links, and by its mark: only processes the links did not find (started since the service) are asked about it. */
	private members(stats: readonly ProcStat[]): TreeMembers {
		const linked = treeMembers(this.leader, stats);
		if (!this.marks) {
			return linked;
		}

		const found = new Set([...linked.group, ...linked.outside].map(stat => stat.pid));
		const marked = this.marks.marked(stats.filter(stat => !found.has(stat.pid)));
		return marked.length === 0 ? linked : treeMembers(this.leader, stats, marked);
	}
}
