/**
 * A sage-console from before `data/sage.lock` (before 3 December 2026) held its root by a row in the
 * database (src/store/older-scheduler-row.ts): a scheduler of that version still running when this one
 * starts (the old console left open in tmux across `git pull && npm ci && npm run build`, or systemd's
 * new unit beside one started by hand) neither holds the lock file nor answers on the socket. Unrefused,
 * both fired every job, and the new one closed the old one's live runs as interrupted. Its row is read
 * as that version read it (a live process of node or sage-console on this host), before the database
 * is migrated under it; a row left by one that is gone is deleted once this scheduler holds the root.
 */
import {readFileSync} from 'node:fs';
import {hostname} from 'node:os';
import {processStartedAt} from '../executors/boot-time.js';
import {readProcStat} from '../executors/proc-stat.js';
import {olderSchedulerRow} from '../store/older-scheduler-row.js';
import {SchedulerRunningError} from './instance-lock.js';

/** How much later than the row's time its process may seem to have started (the boot time is in whole seconds, and drifts). */
const startSlackMs = 60_000;

/** @throws SchedulerRunningError when a scheduler of an older version holds `dbFile` by its row */
export function refuseOlderScheduler(dbFile: string, lockFile: string): void {
	const pid = olderSchedulerPid(dbFile);
	if (pid !== undefined) {
		throw new SchedulerRunningError(pid, lockFile, `an older sage-console (pid ${pid}) is still scheduling with ${dbFile} (a version from before ${lockFile}, which holds the root by a row in the database): stop it (q in its console, or its service), then start this one; nothing was changed`);
	}
}

/** The pid of a scheduler of an older version that holds `dbFile` by its row, alive on this host. */
export function olderSchedulerPid(dbFile: string): number | undefined {
	const holder = olderSchedulerRow(dbFile);
	return holder && holder.pid !== process.pid && holder.hostname === hostname() && isOlderScheduler(holder.pid, holder.startedAt) ? holder.pid : undefined;
}

/**
 * As the older version told its holder (a live process, not a zombie, whose command line is node's or
 * sage-console's), and one that started before it took the root: after a kill -9 or a reboot, its pid
 * may be another node process's now, which would otherwise keep every start refused.
 */
function isOlderScheduler(pid: number, tookRootAt: number): boolean {
	const stat = readProcStat(pid);
	if (stat === undefined || stat.state === 'Z' || stat.state === 'X') {
		return false;
	}

	const startedAt = processStartedAt(stat.startTicks);
	if (startedAt !== undefined && startedAt > tookRootAt + startSlackMs) {
		return false;
	}

	try {
		return /node|sage-console/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
	} catch {
		return false;
	}
}
