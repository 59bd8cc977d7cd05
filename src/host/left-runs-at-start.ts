import {endLeftoverProcesses} from '../executors/leftover-processes.js';
import {commandRunMark} from '../executors/run-mark.js';
import type {ProcessLogger} from '../log/process-logger.js';
import type {AbandonedRun} from '../scheduler/ports.js';
import type {HistoryStore} from '../store/history-store.js';
import {endOlderRunProcesses} from './older-run-processes.js';
import {oneOffOwnerOf, type OneOffProcess} from './one-off-owner.js';
import type {RemotePart} from './remote-part.js';
import type {Supervisor} from '../supervisor/supervisor.js';

export type LeftRuns = {
	/** The job runs a dead scheduler left queued or running, for the scheduler to settle. */
	abandoned: AbandonedRun[];
	/** By run id: what was done about a left run's process. */
	notes: Map<number, string>;
	/** The runs left to the one-off `sage-console run` still carrying each out (watched while the scheduler runs: one-off-runs-watch.ts). */
	oneOffs: Array<{run: AbandonedRun; owner: OneOffProcess}>;
};

/** A job's run a one-off `sage-console run` still carries out: its own to finish and record, left alone (said in the log). */
function oneOffOwning(run: AbandonedRun, logger: ProcessLogger): OneOffProcess | undefined {
	const owner = run.trigger === 'service' ? undefined : oneOffOwnerOf(run.process);
	if (owner) {
		logger.info({jobId: run.jobId, runId: run.id, owner: owner.pid}, `run ${run.id} of ${run.jobId} belongs to a one-off \`sage-console run\` still going (pid ${owner.pid}): left to it`);
	}

	return owner;
}

/**
 * What a dead scheduler left behind, made safe before anything starts: its services adopted (or
 * stopped), its runs' processes ended (never a reused pid), so no job or service runs twice; its runs
 * on the workers made ready to be re-attached, not interrupted. A one-off `run` leaves all of it alone,
 * and a scheduler leaves alone the runs a one-off `run` still going carries out.
 */
export async function takeOverLeftRuns(store: HistoryStore, supervisor: Supervisor, remote: RemotePart, logger: ProcessLogger, schedules: boolean, root: string): Promise<LeftRuns> {
	const oneOffs: LeftRuns['oneOffs'] = [];
	const left = (schedules ? store.abandonedRuns() : []).filter(run => {
		const owner = oneOffOwning(run, logger);
		if (owner) {
			oneOffs.push({run, owner});
		}

		return !owner;
	});
	// A service's process outlives a scheduler killed with -9: adopted (or stopped) before anything starts, never run twice.
	for (const line of await supervisor.adopt(left.filter(run => run.trigger === 'service'))) {
		logger.warn({}, `service left running by a previous scheduler: ${line}`);
	}

	const abandoned = left.filter(run => run.trigger !== 'service');
	const notes = new Map<number, string>();
	const withProcess = abandoned.filter(run => run.process);
	if (withProcess.length > 0) {
		// With the mark its processes carry, so one that left the group and lost its parent is found too.
		const outcomes = await endLeftoverProcesses(withProcess.map(run => ({...run.process!, mark: run.logPath ? commandRunMark(run.id, run.logPath) : undefined})));
		for (const [index, run] of withProcess.entries()) {
			notes.set(run.id, outcomes[index]!);
			logger.warn({jobId: run.jobId, runId: run.id, process: run.process}, `run ${run.id} of ${run.jobId} was left running by a previous scheduler: ${outcomes[index]!}`);
		}
	}

	// An older version's command runs, their process not in their row (older-run-processes.ts).
	for (const [runId, note] of await endOlderRunProcesses(abandoned, root)) {
		const run = abandoned.find(each => each.id === runId)!;
		notes.set(runId, note);
		logger.warn({jobId: run.jobId, runId}, `run ${runId} of ${run.jobId} was left running by a previous scheduler: ${note}`);
	}

	// Runs a dead scheduler left on the workers go on there: re-attached, not interrupted.
	await remote.prepareAdoption(abandoned);
	return {abandoned, notes, oneOffs};
}
