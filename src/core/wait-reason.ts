import type {SchedulerConfig} from './job-definition.js';
import {isGroup, type PendingRun} from './run-queue.js';

/**
 * Why a queued run has not started, in the operator's words, by the rules SlotAdmission applies: its
 * own job's run still going (concurrency), every `max_parallel` slot taken, or its queue's limit
 * reached, naming the runs that hold them. `running`: the runs going now.
 */
export function waitReason(run: PendingRun, running: readonly PendingRun[], config: Pick<SchedulerConfig, 'maxParallel' | 'queueLimits'>): string {
	const ids = (runs: readonly PendingRun[]) => runs.slice(0, 3).map(other => `run ${other.runId} ${other.job.id}`).join(', ') + (runs.length > 3 ? ', …' : '');
	const own = running.filter(other => other.job.id === run.job.id);
	if (own.length > 0 && run.job.concurrency !== 'allow' && run.job.concurrency !== 'replace') {
		return `waits for ${ids(own)} to end (one run of ${run.job.id} at a time, concurrency: ${run.job.concurrency})`;
	}

	const slots = running.filter(other => !isGroup(other));
	if (!isGroup(run) && slots.length >= config.maxParallel) {
		return `waits for a slot: ${slots.length} of max_parallel ${config.maxParallel} running`;
	}

	const limit = config.queueLimits[run.job.queue];
	const inQueue = slots.filter(other => other.job.queue === run.job.queue);
	if (!isGroup(run) && limit !== undefined && inQueue.length >= limit) {
		return `waits for queue ${run.job.queue}: ${inQueue.length} of its limit ${limit} running (${ids(inQueue)})`;
	}

	return 'waits its turn behind runs ahead of it (priority, then scheduled time)';
}
