/**
 * A run left `running` in history whose owner still runs is not a dead scheduler's: a one-off
 * `sage-console run` takes no scheduler lock (a scheduler may start beside it) and records its run as
 * a scheduler does. A starting scheduler leaves such a run, and its processes, to its owner.
 */
import {readFileSync} from 'node:fs';
import type {ProcessIdentity} from '../executors/executor.js';
import {isStillRunning, readProcStat} from '../executors/proc-stat.js';

/**
 * The pid of the live sage-console process (not this one) that owns the run whose process history
 * recorded as `identity`: a module run's recorded process is its owner itself, a command's (one with a
 * process group of its own) is its owner's child. Undefined when the run has no live owner.
 */
export function liveOwnerOf(identity: ProcessIdentity | undefined): number | undefined {
	if (identity?.startTicks === undefined || !isStillRunning(identity.pid, identity.startTicks)) {
		return undefined;
	}

	const owner = identity.pgid === undefined ? identity.pid : readProcStat(identity.pid)?.ppid;
	if (owner === undefined || owner <= 1 || owner === process.pid) {
		return undefined;
	}

	return isSageConsole(owner) ? owner : undefined;
}

/**
 * The process names itself `sage-console …` (a scheduler, a one-off run, a console): its command name,
 * the title's first 15 characters (`sage-console ru` for `sage-console run JOB`).
 */
function isSageConsole(pid: number): boolean {
	try {
		return /^sage-console(?: |$)/.test(readFileSync(`/proc/${pid}/comm`, 'utf8').trim());
	} catch {
		return false;
	}
}
