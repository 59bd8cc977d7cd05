/**
 * The remote executor as a scheduling host wires it: settings, jobs and queues read from the
 * scheduler's current config, its words told through the scheduler's log and notices, its picture of
 * workers put in the snapshot, and a dead worker's run asked again as the next attempt (`retry`, which
 * waits its turn under the job's concurrency, so it never runs beside another copy), linked to the run it
 * follows and kept at a stop while it waits, as the job's own retry is (Scheduler.handOver), unless its job
 * was paused, disabled or removed while it ran (Scheduler.handOverHeld).
 */
import type {RunPaths} from '../executors/executor.js';
import {askedAgain} from '../scheduler/asked-params.js';
import type {Scheduler} from '../scheduler/scheduler.js';
import {RemoteExecutor, workerQueueOf} from './remote-executor.js';

export function remoteExecutorFor(scheduler: () => Scheduler, paths: RunPaths, detachable: boolean, version: string): RemoteExecutor {
	return new RemoteExecutor({
		paths,
		version,
		detachable,
		settings: () => scheduler().currentConfig.redis,
		job: jobId => scheduler().job(jobId),
		queues: () => scheduler().currentConfig.jobs.filter(job => job.runOn === 'workers').map(job => workerQueueOf(job)),
		say: (level, msg, fields) => scheduler().say(level, msg, fields),
		notice: (key, text) => scheduler().setNotice(key, text),
		view: view => scheduler().setRemoteView(view),
		handOverHeld: spec => scheduler().handOverHeld(spec.runId),
		handOver(spec) {
			// Run with the params it ran with; kept as asked: what its run was asked for with.
			const asked = askedAgain(scheduler().getRun(spec.runId)?.params, spec.params);
			const result = scheduler().handOver(spec.runId, spec.jobId, {attempt: spec.attempt + 1, ...(asked ? {params: asked} : {}), runParams: spec.params, ...(spec.tradeDate === undefined ? {} : {tradeDate: spec.tradeDate}), scheduledAt: spec.scheduledAt});
			if (!result.ok) {
				scheduler().say('error', `${spec.jobId}: attempt ${spec.attempt + 1} could not be asked for: ${result.reason}`, {jobId: spec.jobId, runId: spec.runId});
			}
		},
	});
}
