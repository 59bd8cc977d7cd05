import type {JobView, LiveRunView} from './engine-snapshot.js';
import type {JobSlot} from './job-slot.js';
import type {PendingRun} from './run-queue.js';
import type {RunRecord} from '../core/run-record.js';

/** Each job as the console lists it. `liveCount` counts its running and queued runs. */
export function jobViews(slots: Iterable<JobSlot>, lastRuns: ReadonlyMap<string, RunRecord>, liveCount: ReadonlyMap<string, number>): JobView[] {
	return [...slots].map(slot => ({
		id: slot.job.id,
		name: slot.job.name,
		schedule: slot.scheduleText,
		queue: slot.job.queue,
		priority: slot.job.priority,
		enabled: slot.job.enabled,
		paused: slot.paused,
		nextFireAt: slot.job.enabled && !slot.paused ? slot.nextFireAt : undefined,
		lastRun: lastRuns.get(slot.job.id),
		liveRuns: liveCount.get(slot.job.id) ?? 0,
	}));
}

/** A running (with its record) or queued run as the console shows it. */
export function liveRunView(record: RunRecord | undefined, pending: PendingRun, status: 'queued' | 'running'): LiveRunView {
	return {
		runId: pending.runId,
		jobId: pending.job.id,
		jobName: pending.job.name,
		trigger: pending.trigger,
		status,
		scheduledAt: pending.scheduledAt,
		startedAt: record?.startedAt,
		attempt: pending.attempt,
		progress: record?.progress,
		message: record?.message,
		logPath: record?.logPath,
	};
}
