/**
 * A command run of a sage-console from before history recorded a run's process (its pid, before
 * 3 December 2026) outlives a kill -9 of that scheduler: it was spawned in a group of its own. Its
 * row names no process, so the first scheduler after the upgrade closed it as interrupted and fired its
 * job again beside it: two copies of a sync or a backtest writing the same files. Its processes carry
 * SAGE_JOB_ID and SAGE_RUN_ID in their environment (as that version set them): found by those, started
 * about when it started; the first of them working in this root (another root's run may have the same
 * id) is ended with its group and descendants, as a left run's processes are (SIGTERM, SIGKILL after
 * the grace), unless its parent is a sage-console still (that version's one-off `run`, which carries it
 * out). A run on a worker, or one never started, has none here.
 */
import {readFileSync, readlinkSync, realpathSync} from 'node:fs';
import path from 'node:path';
import {bootTimeSeconds, ticksPerSecond} from '../executors/boot-time.js';
import {readAllProcStats} from '../executors/proc-stat.js';
import {stopProcessTree} from '../executors/process-tree.js';
import {markedProcesses} from '../executors/run-mark.js';
import type {AbandonedRun} from '../scheduler/ports.js';

/** How far a process's start, in clock ticks from boot, may lie from its run's recorded start (the boot time is in whole seconds). */
const slackMs = 60_000;

/** Ends what left runs with no process in their row still run of theirs; by run id, what was done. */
export async function endOlderRunProcesses(runs: readonly AbandonedRun[], root: string, graceMs = 2000): Promise<Map<number, string>> {
	const notes = new Map<number, string>();
	const bootSeconds = bootTimeSeconds();
	if (bootSeconds === undefined) {
		return notes;
	}

	const ticksAt = (ms: number) => Math.floor(((ms / 1000) - bootSeconds) * ticksPerSecond);
	const candidates = runs.filter(run => !run.process && run.worker === undefined && run.startedAt !== undefined && run.trigger !== 'service');
	// The box's processes read once for all of them (a start after a crash may have dozens).
	const stats = candidates.length > 0 ? await readAllProcStats() : [];
	for (const run of candidates) {
		const mark = [`SAGE_JOB_ID=${run.jobId}`, `SAGE_RUN_ID=${run.id}`];
		const marked = await markedProcesses(stats, mark, ticksAt(run.startedAt! - slackMs));
		// Its first process, in this root: another root's run of the same id is not this one's.
		const leader = marked.filter(stat => stat.startTicks <= ticksAt(run.startedAt! + slackMs) && inRoot(stat.pid, root)).sort((a, b) => a.startTicks - b.startTicks)[0];
		if (leader === undefined) {
			continue;
		}

		// Its parent still a sage-console (that version's one-off `run`, carrying it out): its own to end.
		if (isSageConsole(leader.ppid)) {
			continue;
		}

		// Its group and descendants: what it started.
		const report = await stopProcessTree({pid: leader.pid, pgid: leader.pgid, startTicks: leader.startTicks}, graceMs);
		const count = report.groupSize + report.outside;
		notes.set(run.id, `its ${count === 1 ? 'process' : `${count} processes`}, left running by an older sage-console, ended${report.killed > 0 ? ` (${report.killed} needed SIGKILL)` : ''}`);
	}

	return notes;
}

function isSageConsole(pid: number): boolean {
	try {
		return pid > 1 && /node|sage-console/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
	} catch {
		return false;
	}
}

function inRoot(pid: number, root: string): boolean {
	try {
		const relative = path.relative(realpathSync(root), readlinkSync(`/proc/${pid}/cwd`));
		return !relative.startsWith('..') && !path.isAbsolute(relative);
	} catch {
		return false;
	}
}
