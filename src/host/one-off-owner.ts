/**
 * A run left `running` (or `queued`) in history whose owner still runs is not a dead scheduler's: a one-off
 * `sage-console run` takes no scheduler lock (a scheduler may start beside it) and records its run as
 * a scheduler does. A starting scheduler leaves such a run, and its processes, to its owner.
 */
import {readFileSync} from 'node:fs';
import type {ProcessIdentity} from '../executors/executor.js';
import {isStillRunning, readProcStat} from '../executors/proc-stat.js';
import type {HistoryPort} from '../scheduler/ports.js';
import {processStartTicks} from './proc-stat.js';

/** A one-off's process: its pid and start time, so a pid reused later is not taken for it. */
export type OneOffProcess = {pid: number; startTicks: number};

/**
 * The live sage-console process (not this one) that owns the run whose process history recorded as
 * `identity`: a module run's recorded process is its owner itself, a command's (one with a process
 * group of its own) is its owner's child. With its start time, to tell later that this very process
 * died. Undefined when the run has no live owner.
 */
export function oneOffOwnerOf(identity: ProcessIdentity | undefined): OneOffProcess | undefined {
	if (identity?.startTicks === undefined || !isStillRunning(identity.pid, identity.startTicks)) {
		return undefined;
	}

	const owner = identity.pgid === undefined ? identity.pid : readProcStat(identity.pid)?.ppid;
	if (owner === undefined || owner <= 1 || owner === process.pid || !isSageConsole(owner)) {
		return undefined;
	}

	const startTicks = owner === identity.pid ? identity.startTicks : processStartTicks(owner);
	return startTicks === undefined ? undefined : {pid: owner, startTicks};
}

/** Whether the one-off `owner` still runs (the very process, not one given its pid since). */
export function oneOffAlive(owner: OneOffProcess): boolean {
	return isStillRunning(owner.pid, owner.startTicks);
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

/**
 * The history a one-off `sage-console run` records its runs in: each run it queues names the one-off
 * itself as its process (as a module run's does) until it starts, so a scheduler started beside it
 * finds the owner of a run still waiting (a backfill's later days, a retry waiting for a slot) as it
 * finds a running one's. Without it, such a row has no process: the scheduler's start closed it as a
 * dead scheduler's while the one-off still lived (which then started it anyway), and one queued after
 * that start stayed `queued` once its one-off died, until the next start. The run's own process,
 * once it starts, replaces this one.
 */
export function queuedRunsOwnedHere<Store extends Pick<HistoryPort, 'insertRun' | 'updateRun'>>(store: Store): Store {
	const startTicks = processStartTicks(process.pid);
	if (startTicks === undefined) {
		return store;
	}

	const self: ProcessIdentity = {pid: process.pid, startTicks};
	const insertRun: HistoryPort['insertRun'] = run => {
		store.insertRun(run);
		if (run.status === 'queued') {
			store.updateRun(run.id, {process: self});
		}
	};

	return new Proxy(store, {
		get(target, key) {
			if (key === 'insertRun') {
				return insertRun;
			}

			const value: unknown = Reflect.get(target, key, target);
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});
}
